package rhix.mpi.api.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.api.mpi.v1.Gender;
import rhix.api.mpi.v1.LinkOutcome;
import rhix.api.mpi.v1.LocalIdentity;
import rhix.api.mpi.v1.LocalRecordKey;
import rhix.api.mpi.v1.LocateRecordsRequest;
import rhix.api.mpi.v1.LocateRecordsResponse;
import rhix.api.mpi.v1.LocatedRecord;
import rhix.api.mpi.v1.MasterPatientIndexServiceGrpc;
import rhix.api.mpi.v1.RegisterIdentitiesRequest;
import rhix.api.mpi.v1.RegisterIdentitiesResponse;
import rhix.api.mpi.v1.RegisteredIdentity;
import rhix.api.mpi.v1.RetractIdentitiesRequest;
import rhix.api.mpi.v1.RetractIdentitiesResponse;
import rhix.mpi.index.IndexRefusal;
import rhix.mpi.index.IndexTransactions;
import rhix.mpi.index.MasterPatientIndex;
import rhix.mpi.index.RecordKey;
import rhix.mpi.index.RegisteredRecord;
import rhix.mpi.match.IdentityRecord;

/** {@code rhix.mpi.v1.MasterPatientIndexService}: nodes register and retract records; anyone allowed locates a person. */
@Singleton
public class MasterPatientIndexGrpcService extends MasterPatientIndexServiceGrpc.MasterPatientIndexServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(MasterPatientIndexGrpcService.class);
    /** Registrations per call at most: a node sends its backlog in batches. */
    static final int MAXIMUM_BATCH = 5_000;

    private final MasterPatientIndex index;
    private final Clock clock;

    public MasterPatientIndexGrpcService(MasterPatientIndex index, Clock clock) {
        this.index = index;
        this.clock = clock;
    }

    /** The service with the caller read off each call's headers. */
    public ServerServiceDefinition withCaller() {
        return ServerInterceptors.intercept(bindService(), new CallerInterceptor());
    }

    @Override
    public void registerIdentities(RegisterIdentitiesRequest request, StreamObserver<RegisterIdentitiesResponse> responses) {
        answer(responses, () -> {
            if (request.getIdentitiesCount() > MAXIMUM_BATCH) {
                throw new IndexRefusal(IndexRefusal.Kind.INVALID, request.getIdentitiesCount()
                        + " identities in one call; send at most " + MAXIMUM_BATCH);
            }
            List<RegisteredRecord> records = new ArrayList<>(request.getIdentitiesCount());
            for (int i = 0; i < request.getIdentitiesCount(); i++) {
                records.add(record("identities[" + i + "]", request.getIdentities(i)));
            }
            RegisterIdentitiesResponse.Builder response = RegisterIdentitiesResponse.newBuilder();
            if (request.getDeferMatching()) {
                index.registerDeferred(records, CallerInterceptor.caller());
                for (RegisteredRecord record : records) {
                    response.addIdentities(RegisteredIdentity.newBuilder().setNodeId(record.traits().nodeId())
                            .setLocalId(record.traits().localId()).setOutcome(LinkOutcome.LINK_OUTCOME_DEFERRED)
                            .setResidentIdInvalid(record.traits().hasInvalidResidentId()));
                }
                return response.build();
            }
            for (MasterPatientIndex.Registration registration : index.register(records, CallerInterceptor.caller())) {
                response.addIdentities(RegisteredIdentity.newBuilder()
                        .setNodeId(registration.record().nodeId())
                        .setLocalId(registration.record().localId())
                        .setEnterpriseId(registration.enterpriseId())
                        .setOutcome(switch (registration.outcome()) {
                            case LINKED -> LinkOutcome.LINK_OUTCOME_LINKED;
                            case NEW_IDENTITY -> LinkOutcome.LINK_OUTCOME_NEW_IDENTITY;
                            case REVIEW -> LinkOutcome.LINK_OUTCOME_REVIEW;
                            case DEFERRED -> LinkOutcome.LINK_OUTCOME_DEFERRED;
                        })
                        .setScore(registration.score() == null ? 0 : registration.score())
                        .setResidentIdInvalid(registration.residentIdInvalid()));
            }
            return response.build();
        });
    }

    @Override
    public void retractIdentities(RetractIdentitiesRequest request, StreamObserver<RetractIdentitiesResponse> responses) {
        answer(responses, () -> {
            List<RecordKey> keys = new ArrayList<>(request.getRecordsCount());
            for (int i = 0; i < request.getRecordsCount(); i++) {
                keys.add(key("records[" + i + "]", request.getRecords(i)));
            }
            return RetractIdentitiesResponse.newBuilder().setRetracted(index.retract(keys, CallerInterceptor.caller())).build();
        });
    }

    @Override
    public void locateRecords(LocateRecordsRequest request, StreamObserver<LocateRecordsResponse> responses) {
        answer(responses, () -> {
            String caller = CallerInterceptor.caller();
            Optional<MasterPatientIndex.Located> located = switch (request.getSubjectCase()) {
                case ENTERPRISE_ID -> index.locate(request.getEnterpriseId(), request.getPurposeOfUse(), caller);
                case LOCAL_RECORD -> index.locate(key("local_record", request.getLocalRecord()), request.getPurposeOfUse(), caller);
                case SUBJECT_NOT_SET -> throw new IndexRefusal(IndexRefusal.Kind.INVALID,
                        "say whose records to locate: enterprise_id or local_record");
            };
            MasterPatientIndex.Located found = located.orElseThrow(() -> new IndexRefusal(IndexRefusal.Kind.NOT_FOUND,
                    "no enterprise identity for " + (request.hasLocalRecord()
                            ? "record " + request.getLocalRecord().getNodeId() + "/" + request.getLocalRecord().getLocalId()
                            : request.getEnterpriseId())));
            LocateRecordsResponse.Builder response = LocateRecordsResponse.newBuilder()
                    .setEnterpriseId(found.identity().enterpriseId());
            for (RegisteredRecord record : found.records()) {
                response.addRecords(LocatedRecord.newBuilder()
                        .setNodeId(record.traits().nodeId())
                        .setLocalId(record.traits().localId())
                        .setProducerId(record.producerId() == null ? "" : record.producerId())
                        .setRegisteredAt(Timestamp.newBuilder().setSeconds(record.registeredAt().getEpochSecond())
                                .setNanos(record.registeredAt().getNano())));
            }
            return response.build();
        });
    }

    private RegisteredRecord record(String path, LocalIdentity identity) {
        RecordKey key = key(path, LocalRecordKey.newBuilder().setNodeId(identity.getNodeId()).setLocalId(identity.getLocalId()).build());
        LocalDate birthDate = null;
        if (!identity.getBirthDate().isBlank()) {
            try {
                birthDate = LocalDate.parse(identity.getBirthDate());
            } catch (DateTimeParseException e) {
                throw new IndexRefusal(IndexRefusal.Kind.INVALID, path + ".birth_date is not an ISO date (YYYY-MM-DD): '"
                        + identity.getBirthDate() + "'");
            }
        }
        if (identity.getDivisionCode().length() > 6) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, path + ".division_code is not a six-digit GB/T 2260 code: '"
                    + identity.getDivisionCode() + "'");
        }
        IdentityRecord traits = IdentityRecord.of(key.nodeId(), key.localId(), blankToNull(identity.getNameZh()),
                blankToNull(identity.getNamePinyin()), gender(identity.getGender()), birthDate,
                blankToNull(identity.getResidentId()), blankToNull(identity.getPhone()), blankToNull(identity.getDivisionCode()));
        return new RegisteredRecord(traits, blankToNull(identity.getProducerId()), blankToNull(identity.getLocalIdentifierSystem()),
                blankToNull(identity.getLocalIdentifierValue()), clock.instant());
    }

    private static RecordKey key(String path, LocalRecordKey key) {
        if (key.getNodeId().isBlank()) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, path + ".node_id is required");
        }
        if (key.getLocalId().isBlank()) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, path + ".local_id is required");
        }
        if (key.getNodeId().length() > 64 || key.getLocalId().length() > 64) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, path + ": node_id and local_id are at most 64 characters");
        }
        return new RecordKey(key.getNodeId(), key.getLocalId());
    }

    private static String gender(Gender gender) {
        return switch (gender) {
            case GENDER_MALE -> "male";
            case GENDER_FEMALE -> "female";
            case GENDER_OTHER -> "other";
            case GENDER_UNKNOWN -> "unknown";
            case GENDER_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @FunctionalInterface
    private interface Call<T> {
        T run();
    }

    private static <T> void answer(StreamObserver<T> responses, Call<T> call) {
        T response;
        try {
            response = call.run();
        } catch (IndexRefusal refusal) {
            responses.onError((switch (refusal.kind()) {
                case INVALID -> Status.INVALID_ARGUMENT;
                case NOT_FOUND -> Status.NOT_FOUND;
                case CONFLICT -> Status.FAILED_PRECONDITION;
            }).withDescription(refusal.getMessage()).asRuntimeException());
            return;
        } catch (IndexTransactions.IndexStoreException e) {
            LOG.warn("MPI store unavailable: {}", e.getMessage());
            responses.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            LOG.error("MPI call failed", e);
            responses.onError(Status.INTERNAL.withDescription("the MPI failed: " + e.getMessage()).asRuntimeException());
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }
}
