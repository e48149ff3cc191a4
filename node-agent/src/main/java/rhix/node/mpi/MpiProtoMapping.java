package rhix.node.mpi;

import rhix.api.mpi.v1.Gender;
import rhix.api.mpi.v1.LocalIdentity;
import rhix.api.mpi.v1.LocalRecordKey;
import rhix.node.identity.LocalPatientIdentity;

/** The node's stored identity traits as the {@code rhix.mpi.v1} contract spells them (absent values are empty). */
final class MpiProtoMapping {

    private MpiProtoMapping() {
    }

    static LocalIdentity localIdentity(String nodeId, LocalPatientIdentity identity) {
        LocalIdentity.Builder message = LocalIdentity.newBuilder()
                .setNodeId(nodeId)
                .setLocalId(identity.patientId())
                .setProducerId(identity.producerId())
                .setGender(gender(identity.genderCode()));
        if (identity.localIdentifierSystem() != null) {
            message.setLocalIdentifierSystem(identity.localIdentifierSystem());
        }
        if (identity.localIdentifierValue() != null) {
            message.setLocalIdentifierValue(identity.localIdentifierValue());
        }
        if (identity.residentId() != null) {
            message.setResidentId(identity.residentId());
        }
        if (identity.nameZh() != null) {
            message.setNameZh(identity.nameZh());
        }
        if (identity.namePinyin() != null) {
            message.setNamePinyin(identity.namePinyin());
        }
        if (identity.birthDate() != null) {
            message.setBirthDate(identity.birthDate().toString());
        }
        if (identity.phone() != null) {
            message.setPhone(identity.phone().replaceAll("\\D", ""));
        }
        if (identity.divisionCode() != null) {
            message.setDivisionCode(identity.divisionCode());
        }
        return message.build();
    }

    static LocalRecordKey recordKey(String nodeId, String patientId) {
        return LocalRecordKey.newBuilder().setNodeId(nodeId).setLocalId(patientId).build();
    }

    /** From the GB/T 2261.1 code the node stores. */
    private static Gender gender(String code) {
        if (code == null) {
            return Gender.GENDER_UNSPECIFIED;
        }
        return switch (rhix.identity.Gender.fromCode(code)) {
            case MALE -> Gender.GENDER_MALE;
            case FEMALE -> Gender.GENDER_FEMALE;
            // 9 未说明的性别 is what FHIR calls "other"; 0 未知的性别 is unknown.
            case UNSPECIFIED -> Gender.GENDER_OTHER;
            case UNKNOWN -> Gender.GENDER_UNKNOWN;
        };
    }
}
