package rhix.fhir.facade.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;

/**
 * The region's public token-verification keys, from a JWKS document. Only public halves are kept, so a
 * JWKS that also carries a private key (a mistake worth not repeating in memory) still verifies.
 */
public record VerificationKeys(JWKSet publicKeys) {

    public VerificationKeys {
        List<JWK> usable = publicKeys.getKeys().stream()
                .filter(key -> KeyType.RSA.equals(key.getKeyType()) || KeyType.EC.equals(key.getKeyType()))
                .toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("the JWKS holds no RSA or EC key to verify RS256/ES256 tokens with");
        }
        publicKeys = new JWKSet(usable).toPublicJWKSet();
    }

    public static VerificationKeys fromJson(String jwksJson) {
        try {
            return new VerificationKeys(JWKSet.parse(jwksJson));
        } catch (ParseException e) {
            throw new IllegalArgumentException("the JWKS is not a valid JSON Web Key Set: " + e.getMessage(), e);
        }
    }

    public static VerificationKeys fromFile(Path jwksFile) {
        try {
            return fromJson(Files.readString(jwksFile));
        } catch (IOException e) {
            throw new IllegalArgumentException("the JWKS file " + jwksFile + " cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(jwksFile + ": " + e.getMessage(), e);
        }
    }
}
