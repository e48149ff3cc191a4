package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rhix.identity.AdminDivisionCode;
import rhix.region.NodeId;
import rhix.region.NodeLevel;

class RegionLayoutTest {

    private final RegionLayout layout = RegionLayout.zhejiangDemo();

    @Test
    void zhejiangHasAProvinceTwoCitiesAndFourCountiesNamedByDivision() {
        assertThat(layout.nodes()).extracting(node -> node.id().value()).containsExactly("province-330000", "city-330100",
                "city-330200", "county-330102", "county-330127", "county-330203", "county-330225");
        assertThat(layout.nodes()).extracting(PlatformNode::divisionName)
                .containsExactly("浙江省", "杭州市", "宁波市", "上城区", "淳安县", "海曙区", "象山县");
        assertThat(layout.nodes()).allSatisfy(node -> {
            assertThat(node.id().value()).isEqualTo(node.level().name().toLowerCase() + "-" + node.division().value());
            assertThat(node.displayName()).isEqualTo(node.divisionName() + "全民健康信息平台");
        });
    }

    @Test
    void everyNodeButTheProvinceSitsInsideItsParentWhichComesFirst() {
        Set<NodeId> started = new HashSet<>();
        for (PlatformNode node : layout.nodes()) {
            node.parentId().ifPresentOrElse(parent -> {
                assertThat(started).as("parent of " + node.id() + " listed earlier").contains(parent);
                PlatformNode parentNode = layout.node(parent).orElseThrow();
                assertThat(node.division().isWithin(parentNode.division())).isTrue();
                assertThat(node.level().canBeChildOf(parentNode.level())).isTrue();
            }, () -> assertThat(node.level()).isEqualTo(NodeLevel.PROVINCE));
            started.add(node.id());
        }
    }

    @Test
    void oneHospitalAtTheProvinceAndTwoAtEveryCityAndCounty() {
        assertThat(layout.hospitals()).hasSize(13);
        for (PlatformNode node : layout.nodes()) {
            List<Hospital> hospitals = layout.hospitalsAt(node.id());
            assertThat(hospitals).as(node.id().value()).hasSize(node.level() == NodeLevel.PROVINCE ? 1 : 2);
            assertThat(hospitals).allSatisfy(hospital -> {
                assertThat(hospital.division()).isEqualTo(node.division());
                assertThat(hospital.organizationCode()).matches("H" + node.division().value() + "\\d{3}");
                assertThat(hospital.name()).startsWith(node.divisionName());
            });
        }
        assertThat(layout.hospital("H330000001").orElseThrow().name()).isEqualTo("浙江省人民医院");
        assertThat(layout.nodeFor(AdminDivisionCode.of("330127")).orElseThrow().id()).isEqualTo(NodeId.of("county-330127"));
    }

    @Test
    void refusesAHospitalAtAnUnknownNodeAndAChildBeforeItsParent() {
        PlatformNode province = layout.nodes().getFirst();
        PlatformNode city = layout.nodes().get(1);
        Hospital stray = new Hospital("H999", "某医院", NodeId.of("county-330999"), AdminDivisionCode.of("330999"), 0);

        assertThatThrownBy(() -> new RegionLayout(List.of(province), List.of(stray)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown node county-330999");
        assertThatThrownBy(() -> new RegionLayout(List.of(city, province), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before its parent");
        assertThatThrownBy(() -> new PlatformNode(NodeId.of("city-330100"), NodeLevel.CITY, AdminDivisionCode.of("330100"),
                "杭州市", null, "杭州市平台")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no parent");
    }
}
