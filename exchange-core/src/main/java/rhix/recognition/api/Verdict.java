package rhix.recognition.api;

/** Whether the requesting hospital accepts an offered result instead of repeating the test. */
public enum Verdict {
    RECOGNISED,
    NOT_RECOGNISED
}
