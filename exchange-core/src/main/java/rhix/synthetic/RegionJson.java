package rhix.synthetic;

/** region.json: the layout and spec a region was generated with, for tools that are not Java. */
final class RegionJson {

    static String write(RegionLayout layout, RegionSpec spec) {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"seed\": ").append(spec.seed()).append(",\n");
        json.append("  \"persons\": ").append(spec.persons()).append(",\n");
        json.append("  \"noiseRate\": ").append(spec.noiseRate()).append(",\n");
        json.append("  \"asOf\": ").append(quote(spec.asOf().toString())).append(",\n");
        json.append("  \"nodes\": [\n");
        for (int i = 0; i < layout.nodes().size(); i++) {
            PlatformNode node = layout.nodes().get(i);
            json.append("    {\"id\": ").append(quote(node.id().value()))
                    .append(", \"level\": ").append(quote(node.level().name()))
                    .append(", \"divisionCode\": ").append(quote(node.division().value()))
                    .append(", \"parent\": ").append(node.parent() == null ? "null" : quote(node.parent().value()))
                    .append(", \"name\": ").append(quote(node.displayName())).append('}')
                    .append(i + 1 < layout.nodes().size() ? ",\n" : "\n");
        }
        json.append("  ],\n  \"hospitals\": [\n");
        for (int i = 0; i < layout.hospitals().size(); i++) {
            Hospital hospital = layout.hospitals().get(i);
            json.append("    {\"organizationCode\": ").append(quote(hospital.organizationCode()))
                    .append(", \"name\": ").append(quote(hospital.name()))
                    .append(", \"node\": ").append(quote(hospital.node().value())).append('}')
                    .append(i + 1 < layout.hospitals().size() ? ",\n" : "\n");
        }
        return json.append("  ]\n}\n").toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private RegionJson() {
    }
}
