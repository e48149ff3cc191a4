package rhix.deploy.demo;

import com.nimbusds.jose.JWSAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import rhix.fhir.facade.security.LocalTokenIssuer;

/**
 * The demo region's stand-in for its OAuth2 authorization server: one ES256 signing key for the region,
 * made on the first start and kept under the demo's working directory ({@code security/}, inside
 * {@code target/}, so never in git). The nodes get only the public JWKS; {@code demo-token.sh} signs
 * tokens with the private key.
 */
final class RegionTokenAuthority {

    static final String ISSUER = "https://auth.demo-region.rhix.example";
    private static final String PRIVATE_KEY_FILE = "region-signing-key.jwk";
    private static final String PUBLIC_JWKS_FILE = "region-jwks.json";

    private final LocalTokenIssuer issuer;
    private final Path publicJwks;

    private RegionTokenAuthority(LocalTokenIssuer issuer, Path publicJwks) {
        this.issuer = issuer;
        this.publicJwks = publicJwks;
    }

    /** Loads the region's key from {@code workDir/security}, or makes one there (and its public JWKS). */
    static RegionTokenAuthority openOrCreate(Path workDir) throws IOException {
        Path directory = workDir.resolve("security");
        Path privateKey = directory.resolve(PRIVATE_KEY_FILE);
        Path publicJwks = directory.resolve(PUBLIC_JWKS_FILE);
        LocalTokenIssuer issuer;
        if (Files.exists(privateKey)) {
            issuer = LocalTokenIssuer.load(privateKey, ISSUER);
        } else {
            issuer = LocalTokenIssuer.generate(ISSUER, JWSAlgorithm.ES256);
            issuer.savePrivateKey(privateKey);
        }
        Files.writeString(publicJwks, issuer.publicJwks());
        return new RegionTokenAuthority(issuer, publicJwks);
    }

    /** Signs with the key a running (or earlier) demo made; fails with a hint when there is none yet. */
    static RegionTokenAuthority open(Path workDir) throws IOException {
        Path privateKey = workDir.resolve("security").resolve(PRIVATE_KEY_FILE);
        if (!Files.exists(privateKey)) {
            throw new IllegalStateException("no region signing key at " + privateKey
                    + ": start the demo region first (./deploy/demo-region.sh), or pass its --work-dir");
        }
        return new RegionTokenAuthority(LocalTokenIssuer.load(privateKey, ISSUER), workDir.resolve("security").resolve(PUBLIC_JWKS_FILE));
    }

    LocalTokenIssuer issuer() {
        return issuer;
    }

    Path publicJwks() {
        return publicJwks;
    }

    /** The system properties that make a node trust this authority's tokens. */
    List<String> nodeProperties() {
        return trustProperties("rhix.node.fhir.security");
    }

    /** The same for the MPI's FHIR API. */
    List<String> mpiProperties() {
        return trustProperties("rhix.mpi.fhir.security");
    }

    private List<String> trustProperties(String prefix) {
        return List.of("-D" + prefix + ".issuer=" + ISSUER, "-D" + prefix + ".jwks-path=" + publicJwks.toAbsolutePath());
    }
}
