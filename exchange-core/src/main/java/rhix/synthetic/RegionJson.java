package rhix.synthetic;

import java.util.Locale;

/** region.json: the spec, nodes and hospitals a region was generated with, for tools that are not Java. */
final class RegionJson {

    static String write(RegionLayout layout, RegionSpec spec) {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"seed\": ").append(spec.seed()).append(",\n");
        json.append("  \"persons\": ").append(spec.persons()).append(",\n");
        json.append("  \"noiseRate\": ").append(decimal(spec.noiseRate())).append(",\n");
        json.append("  \"legacyIdShare\": ").append(decimal(spec.legacyIdShare())).append(",\n");
        json.append("  \"invalidIdShare\": ").append(decimal(spec.invalidIdShare())).append(",\n");
        json.append("  \"asOf\": ").append(quote(spec.asOf().toString())).append(",\n");
        json.append("  \"format\": ").append(quote(spec.format().name().toLowerCase(Locale.ROOT))).append(",\n");
        json.append("  \"bundleSize\": ").append(spec.bundleSize()).append(",\n");
        json.append("  \"nodes\": [\n");
        for (int i = 0; i < layout.nodes().size(); i++) {
            PlatformNode node = layout.nodes().get(i);
            json.append("    {\"id\": ").append(quote(node.id().value()))
                    .append(", \"level\": ").append(quote(node.level().name()))
                    .append(", \"divisionCode\": ").append(quote(node.division().value()))
                    .append(", \"divisionName\": ").append(quote(node.divisionName()))
                    .append(", \"parent\": ").append(node.parent() == null ? "null" : quote(node.parent().value()))
                    .append(", \"name\": ").append(quote(node.displayName())).append('}')
                    .append(i + 1 < layout.nodes().size() ? ",\n" : "\n");
        }
        json.append("  ],\n  \"hospitals\": [\n");
        for (int i = 0; i < layout.hospitals().size(); i++) {
            Hospital hospital = layout.hospitals().get(i);
            String code = hospital.organizationCode();
            String directory = "nodes/" + hospital.node().value() + "/";
            json.append("    {\"organizationCode\": ").append(quote(code))
                    .append(", \"name\": ").append(quote(hospital.name()))
                    .append(", \"node\": ").append(quote(hospital.node().value()))
                    .append(", \"divisionCode\": ").append(quote(hospital.division().value()))
                    .append(", \"labCodeSystem\": ").append(quote(rhix.fhir.RhixNamingSystems.hospitalLabCodes(code)))
                    .append(", \"examCodeSystem\": ").append(quote(HospitalConventions.examCodeSystem(code)))
                    .append(", \"conceptMap\": ").append(quote("conceptmaps/ConceptMap-" + code + ".json"))
                    .append(", \"data\": ").append(quote(spec.format() == OutputFormat.NDJSON
                            ? directory + code + ".ndjson" : directory + code + "-bundle-*.json"))
                    .append('}')
                    .append(i + 1 < layout.hospitals().size() ? ",\n" : "\n");
        }
        return json.append("  ]\n}\n").toString();
    }

    private static String decimal(double value) {
        return Double.toString(value);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private RegionJson() {
    }
}
