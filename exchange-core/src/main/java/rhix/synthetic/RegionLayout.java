package rhix.synthetic;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import rhix.identity.AdminDivisionCode;
import rhix.region.NodeId;
import rhix.region.NodeLevel;

/** The province—city—county tree of platform nodes and the hospitals under each. */
public record RegionLayout(List<PlatformNode> nodes, List<Hospital> hospitals) {

    public RegionLayout {
        nodes = List.copyOf(nodes);
        hospitals = List.copyOf(hospitals);
    }

    /**
     * 浙江省 with 杭州市 (上城区, 淳安县) and 宁波市 (海曙区, 象山县): real GB/T 2260 codes, one node per
     * division, one hospital at the province node and two at every city and county node.
     */
    public static RegionLayout zhejiangDemo() {
        var province = node("province-330000", NodeLevel.PROVINCE, "330000", null, "浙江省全民健康信息平台");
        var hangzhou = node("city-330100", NodeLevel.CITY, "330100", province, "杭州市全民健康信息平台");
        var ningbo = node("city-330200", NodeLevel.CITY, "330200", province, "宁波市全民健康信息平台");
        var shangcheng = node("county-330102", NodeLevel.COUNTY, "330102", hangzhou, "上城区全民健康信息平台");
        var chunan = node("county-330127", NodeLevel.COUNTY, "330127", hangzhou, "淳安县全民健康信息平台");
        var haishu = node("county-330203", NodeLevel.COUNTY, "330203", ningbo, "海曙区全民健康信息平台");
        var xiangshan = node("county-330225", NodeLevel.COUNTY, "330225", ningbo, "象山县全民健康信息平台");
        List<Hospital> hospitals = List.of(
                hospital("H330000001", "浙江省人民医院", province, 0),
                hospital("H330100001", "杭州市第一人民医院", hangzhou, 1),
                hospital("H330100002", "杭州市中医院", hangzhou, 2),
                hospital("H330200001", "宁波市第一医院", ningbo, 2),
                hospital("H330200002", "宁波市妇女儿童医院", ningbo, 0),
                hospital("H330102001", "上城区人民医院", shangcheng, 1),
                hospital("H330102002", "上城区中医院", shangcheng, 0),
                hospital("H330127001", "淳安县第一人民医院", chunan, 2),
                hospital("H330127002", "淳安县中医院", chunan, 1),
                hospital("H330203001", "海曙区人民医院", haishu, 0),
                hospital("H330203002", "海曙区中医医院", haishu, 2),
                hospital("H330225001", "象山县第一人民医院", xiangshan, 1),
                hospital("H330225002", "象山县中医医院", xiangshan, 0));
        return new RegionLayout(List.of(province, hangzhou, ningbo, shangcheng, chunan, haishu, xiangshan), hospitals);
    }

    public List<PlatformNode> counties() {
        return nodes.stream().filter(node -> node.level() == NodeLevel.COUNTY).toList();
    }

    public Optional<PlatformNode> node(NodeId id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst();
    }

    public List<Hospital> hospitalsAt(NodeId node) {
        return hospitals.stream().filter(hospital -> hospital.node().equals(node)).toList();
    }

    /** Hospitals keyed by their node, in layout order. */
    public Map<NodeId, List<Hospital>> hospitalsByNode() {
        return hospitals.stream().collect(Collectors.groupingBy(Hospital::node, java.util.LinkedHashMap::new, Collectors.toList()));
    }

    private static PlatformNode node(String id, NodeLevel level, String division, PlatformNode parent, String name) {
        return new PlatformNode(NodeId.of(id), level, AdminDivisionCode.of(division), parent == null ? null : parent.id(), name);
    }

    private static Hospital hospital(String code, String name, PlatformNode node, int labDialect) {
        return new Hospital(code, name, node.id(), node.division(), labDialect);
    }
}
