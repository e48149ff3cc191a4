package rhix.fhir.facade.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Date;
import java.util.UUID;

/**
 * Signs SMART access tokens with a key of its own: the demo region's stand-in for the region's
 * authorization server, and the tests' token factory. Production nodes only verify tokens (with the
 * public JWKS); they never hold this key.
 */
public final class LocalTokenIssuer {

    private final JWK signingKey;
    private final JWSAlgorithm algorithm;
    private final String issuer;

    private LocalTokenIssuer(JWK signingKey, String issuer) {
        this.signingKey = signingKey;
        this.algorithm = signingKey instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
        this.issuer = issuer;
    }

    /** A fresh key pair: ES256 (P-256) or RS256 (2048 bits). */
    public static LocalTokenIssuer generate(String issuer, JWSAlgorithm algorithm) {
        String keyId = UUID.randomUUID().toString();
        try {
            JWK key = JWSAlgorithm.RS256.equals(algorithm)
                    ? new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).keyID(keyId).generate()
                    : new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).keyID(keyId).generate();
            return new LocalTokenIssuer(key, issuer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key: " + e.getMessage(), e);
        }
    }

    /** Reads a private key saved by {@link #savePrivateKey}. */
    public static LocalTokenIssuer load(Path privateJwkFile, String issuer) throws IOException {
        try {
            JWK key = JWK.parse(Files.readString(privateJwkFile));
            if (!key.isPrivate()) {
                throw new IllegalArgumentException(privateJwkFile + " holds a public key; signing needs the private one");
            }
            return new LocalTokenIssuer(key, issuer);
        } catch (ParseException e) {
            throw new IllegalArgumentException(privateJwkFile + " is not a JSON Web Key: " + e.getMessage(), e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** Writes the private key, readable by its owner only where the file system allows it. */
    public void savePrivateKey(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, signingKey.toJSONString());
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the directory's default permissions.
        }
    }

    /** The public JWKS the nodes verify tokens with. */
    public String publicJwks() {
        return new JWKSet(signingKey.toPublicJWK()).toString();
    }

    public VerificationKeys verificationKeys() {
        return VerificationKeys.fromJson(publicJwks());
    }

    public String sign(TokenRequest request) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(request.subject())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(request.notBefore()))
                .notBeforeTime(Date.from(request.notBefore()))
                .expirationTime(Date.from(request.expiresAt()))
                .claim(BearerTokenVerifier.SCOPE_CLAIM, request.scope());
        request.audience().ifPresent(claims::audience);
        request.clientId().ifPresent(client -> claims.claim(BearerTokenVerifier.CLIENT_ID_CLAIM, client));
        request.patient().ifPresent(patient -> claims.claim(BearerTokenVerifier.PATIENT_CLAIM, patient));
        request.purposeOfUse().ifPresent(purpose -> claims.claim(BearerTokenVerifier.PURPOSE_OF_USE_CLAIM, purpose));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(signingKey.getKeyID()).build(),
                claims.build());
        try {
            JWSSigner signer = signingKey instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) signingKey);
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
