package rhix.fhir.facade.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokenVerifierTest {

    private static final String ISSUER = "https://auth.region.example";
    private static final LocalTokenIssuer ES256 = LocalTokenIssuer.generate(ISSUER, JWSAlgorithm.ES256);
    private static final LocalTokenIssuer RS256 = LocalTokenIssuer.generate(ISSUER, JWSAlgorithm.RS256);
    private static final TokenPolicy POLICY = new TokenPolicy(ISSUER, Optional.empty(), Duration.ofSeconds(60), true);

    @Test
    void readsTheClaimsOfAnEs256Token() throws Exception {
        String jwt = ES256.sign(TokenRequest.of("dr-li", "openid user/Observation.rs patient/*.read", "TREAT")
                .withPatient("p1").withClientId("his"));

        AccessToken token = new BearerTokenVerifier(ES256.verificationKeys(), POLICY).verify(jwt);

        assertThat(token.subject()).isEqualTo("dr-li");
        assertThat(token.issuer()).isEqualTo(ISSUER);
        assertThat(token.clientId()).contains("his");
        assertThat(token.patient()).contains("p1");
        assertThat(token.purposeOfUse()).contains("TREAT");
        assertThat(token.scopes()).extracting(SmartScope::toString).containsExactly("user/Observation.rs", "patient/*.rs");
    }

    @Test
    void verifiesRs256Tokens() throws Exception {
        String jwt = RS256.sign(TokenRequest.of("job", "system/*.cruds", "PUBHLTH"));

        assertThat(new BearerTokenVerifier(RS256.verificationKeys(), POLICY).verify(jwt).subject()).isEqualTo("job");
    }

    @Test
    void refusesATokenSignedWithAKeyTheRegionDoesNotHold() {
        String jwt = RS256.sign(TokenRequest.of("dr-li", "user/*.rs", "TREAT"));

        assertThatThrownBy(() -> new BearerTokenVerifier(ES256.verificationKeys(), POLICY).verify(jwt))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void toleratesClockSkewButNotExpiry() throws Exception {
        Instant now = Instant.now();
        BearerTokenVerifier verifier = new BearerTokenVerifier(ES256.verificationKeys(), POLICY);
        String justExpired = ES256.sign(TokenRequest.of("dr-li", "user/*.rs", "TREAT").validBetween(now.minusSeconds(600), now.minusSeconds(20)));
        String expired = ES256.sign(TokenRequest.of("dr-li", "user/*.rs", "TREAT").validBetween(now.minusSeconds(600), now.minusSeconds(120)));
        String notYetValid = ES256.sign(TokenRequest.of("dr-li", "user/*.rs", "TREAT").validBetween(now.plusSeconds(600), now.plusSeconds(1200)));

        assertThat(verifier.verify(justExpired).subject()).isEqualTo("dr-li");
        assertThatThrownBy(() -> verifier.verify(expired)).isInstanceOf(InvalidTokenException.class).hasMessageContaining("Expired");
        assertThatThrownBy(() -> verifier.verify(notYetValid)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aRememberedTokenIsStillRefusedOnceExpired() throws Exception {
        Instant now = Instant.now();
        MutableClock clock = new MutableClock(now);
        BearerTokenVerifier verifier = new BearerTokenVerifier(ES256.verificationKeys(), POLICY, clock);
        String jwt = ES256.sign(TokenRequest.of("dr-li", "user/*.rs", "TREAT").validBetween(now, now.plusSeconds(300)));

        assertThat(verifier.verify(jwt)).isSameAs(verifier.verify(jwt));
        clock.set(now.plusSeconds(300 + 61));
        assertThatThrownBy(() -> verifier.verify(jwt)).isInstanceOf(InvalidTokenException.class).hasMessageContaining("Expired");
    }

    @Test
    void checksTheAudienceWhenConfigured() throws Exception {
        BearerTokenVerifier verifier = new BearerTokenVerifier(ES256.verificationKeys(),
                new TokenPolicy(ISSUER, Optional.of("http://node-a/fhir"), Duration.ofSeconds(60), true));

        assertThat(verifier.verify(ES256.sign(TokenRequest.of("dr-li", "user/*.rs", "TREAT").withAudience("http://node-a/fhir")))
                .subject()).isEqualTo("dr-li");
        assertThatThrownBy(() -> verifier.verify(ES256.sign(TokenRequest.of("dr-li", "user/*.rs", "TREAT")
                .withAudience("http://node-b/fhir")))).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(ES256.sign(TokenRequest.of("dr-li", "user/*.rs", "TREAT"))))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesTextThatIsNotASignedJwt() {
        BearerTokenVerifier verifier = new BearerTokenVerifier(ES256.verificationKeys(), POLICY);

        assertThatThrownBy(() -> verifier.verify("not-a-jwt")).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("not a signed JWT");
    }

    @Test
    void keysWithoutAnRsaOrEcKeyAreRefused() {
        assertThatThrownBy(() -> VerificationKeys.fromJson("{\"keys\":[]}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no RSA or EC key");
        assertThatThrownBy(() -> VerificationKeys.fromJson("{")).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class MutableClock extends java.time.Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
