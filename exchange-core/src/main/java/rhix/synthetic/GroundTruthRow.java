package rhix.synthetic;

/** One local patient record and the person it really is. */
public record GroundTruthRow(long personKey, String nodeId, String organizationCode, String patientResourceId,
                             String trueResidentId) {

    static final String CSV_HEADER = "person_key,node_id,organization_code,patient_resource_id,true_resident_id";

    String toCsv() {
        return personKey + "," + nodeId + "," + organizationCode + "," + patientResourceId + "," + trueResidentId;
    }
}
