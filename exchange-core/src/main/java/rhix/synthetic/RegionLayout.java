package rhix.synthetic;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import rhix.identity.AdminDivisionCode;
import rhix.region.NodeId;
import rhix.region.NodeLevel;

/** The province—city—county tree of platform nodes and the hospitals under each. */
public record RegionLayout(List<PlatformNode> nodes, List<Hospital> hospitals) {

    public RegionLayout {
        nodes = List.copyOf(nodes);
        hospitals = List.copyOf(hospitals);
        Set<NodeId> seen = new HashSet<>();
        for (PlatformNode node : nodes) {
            // Parents first: whoever starts one process per node can start them in this order.
            if (node.parent() != null && !seen.contains(node.parent())) {
                throw new IllegalArgumentException("node " + node.id() + " comes before its parent " + node.parent());
            }
            if (!seen.add(node.id())) {
                throw new IllegalArgumentException("duplicate node " + node.id());
            }
        }
        Set<String> codes = new HashSet<>();
        for (Hospital hospital : hospitals) {
            if (!seen.contains(hospital.node())) {
                throw new IllegalArgumentException("hospital " + hospital.organizationCode() + " is at unknown node " + hospital.node());
            }
            if (!codes.add(hospital.organizationCode())) {
                throw new IllegalArgumentException("duplicate organization code " + hospital.organizationCode());
            }
        }
    }

    /**
     * 浙江省 with 杭州市 (上城区, 淳安县) and 宁波市 (海曙区, 象山县): real GB/T 2260 codes, one node per
     * division, one hospital at the province node and two at every city and county node. Nodes
     * come parents first.
     */
    public static RegionLayout zhejiangDemo() {
        var province = node("province-330000", NodeLevel.PROVINCE, "330000", "浙江省", null);
        var hangzhou = node("city-330100", NodeLevel.CITY, "330100", "杭州市", province);
        var ningbo = node("city-330200", NodeLevel.CITY, "330200", "宁波市", province);
        var shangcheng = node("county-330102", NodeLevel.COUNTY, "330102", "上城区", hangzhou);
        var chunan = node("county-330127", NodeLevel.COUNTY, "330127", "淳安县", hangzhou);
        var haishu = node("county-330203", NodeLevel.COUNTY, "330203", "海曙区", ningbo);
        var xiangshan = node("county-330225", NodeLevel.COUNTY, "330225", "象山县", ningbo);
        // Dialect 1 reports in US units (glucose in mg/dL): three hospitals of thirteen.
        List<Hospital> hospitals = List.of(
                hospital("H330000001", "浙江省人民医院", province, 0),
                hospital("H330100001", "杭州市第一人民医院", hangzhou, 1),
                hospital("H330100002", "杭州市中医院", hangzhou, 2),
                hospital("H330200001", "宁波市第一医院", ningbo, 3),
                hospital("H330200002", "宁波市中医院", ningbo, 0),
                hospital("H330102001", "上城区人民医院", shangcheng, 1),
                hospital("H330102002", "上城区中医院", shangcheng, 3),
                hospital("H330127001", "淳安县人民医院", chunan, 2),
                hospital("H330127002", "淳安县中医院", chunan, 0),
                hospital("H330203001", "海曙区人民医院", haishu, 3),
                hospital("H330203002", "海曙区中医医院", haishu, 2),
                hospital("H330225001", "象山县人民医院", xiangshan, 1),
                hospital("H330225002", "象山县中医医院", xiangshan, 0));
        return new RegionLayout(List.of(province, hangzhou, ningbo, shangcheng, chunan, haishu, xiangshan), hospitals);
    }

    public List<PlatformNode> counties() {
        return nodes.stream().filter(node -> node.level() == NodeLevel.COUNTY).toList();
    }

    public Optional<PlatformNode> node(NodeId id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst();
    }

    /** The node whose division is {@code division}, if the region has one. */
    public Optional<PlatformNode> nodeFor(AdminDivisionCode division) {
        return nodes.stream().filter(node -> node.division().equals(division)).findFirst();
    }

    public Optional<Hospital> hospital(String organizationCode) {
        return hospitals.stream().filter(hospital -> hospital.organizationCode().equals(organizationCode)).findFirst();
    }

    public List<Hospital> hospitalsAt(NodeId node) {
        return hospitals.stream().filter(hospital -> hospital.node().equals(node)).toList();
    }

    /** Hospitals keyed by their node, in layout order. */
    public Map<NodeId, List<Hospital>> hospitalsByNode() {
        return hospitals.stream().collect(Collectors.groupingBy(Hospital::node, LinkedHashMap::new, Collectors.toList()));
    }

    private static PlatformNode node(String id, NodeLevel level, String division, String name, PlatformNode parent) {
        return new PlatformNode(NodeId.of(id), level, AdminDivisionCode.of(division), name, parent == null ? null : parent.id(),
                name + "全民健康信息平台");
    }

    private static Hospital hospital(String code, String name, PlatformNode node, int labDialect) {
        return new Hospital(code, name, node.id(), node.division(), labDialect);
    }
}
