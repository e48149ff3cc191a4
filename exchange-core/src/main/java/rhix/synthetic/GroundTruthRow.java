package rhix.synthetic;

/**
 * One local patient record and the person it really is: records with the same {@code personKey}
 * are the same person, whatever their identity traits say.
 *
 * @param trueResidentId the person's real 18-character number, whatever the record carries
 */
public record GroundTruthRow(long personKey, String nodeId, String organizationCode, String patientResourceId,
                             String trueResidentId) {

    public static final String CSV_HEADER = "person_key,node_id,organization_code,patient_resource_id,true_resident_id";

    /** No field can hold a comma or quote (codes, ids and digits), so no quoting is needed. */
    public String toCsv() {
        return personKey + "," + nodeId + "," + organizationCode + "," + patientResourceId + "," + trueResidentId;
    }

    public static GroundTruthRow parseCsv(String line) {
        String[] fields = line.split(",", -1);
        if (fields.length != 5) {
            throw new IllegalArgumentException("a ground-truth row has 5 fields, this one " + fields.length);
        }
        return new GroundTruthRow(Long.parseLong(fields[0]), fields[1], fields[2], fields[3], fields[4]);
    }
}
