package rhix.events;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link TransitionRefusedException} by its stable code, for the fixtures' {@code expectException}. */
public final class Refusals {

    private Refusals() {
    }

    public static Matcher<TransitionRefusedException> refusedWith(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(TransitionRefusedException refusal) {
                return refusal.code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a transition refused with code ").appendValue(code);
            }

            @Override
            protected void describeMismatchSafely(TransitionRefusedException refusal, Description mismatch) {
                mismatch.appendText("was refused with code ").appendValue(refusal.code());
            }
        };
    }
}
