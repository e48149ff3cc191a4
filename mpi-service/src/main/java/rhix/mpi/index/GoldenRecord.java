package rhix.mpi.index;

import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/** The traits an enterprise identity shows the world, chosen from its records by {@link Survivorship}. */
@Serdeable
public record GoldenRecord(String residentId, String nameZh, String namePinyin, String gender, LocalDate birthDate,
                           String phone, String divisionCode) {
}
