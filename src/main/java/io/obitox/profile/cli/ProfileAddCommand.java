package io.obitox.profile.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.common.Messages;
import io.obitox.profile.ProfileDraft;
import io.obitox.profile.ProfileDraft.CredentialMode;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code obitox profile add NAME --provider … [--endpoint-url …] (--aws-profile P | --access-key-id K …)}. */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {
            "Add a storage profile.",
            "Typed keys are written to the AWS credentials file under the profile 'obitox-NAME', as 'aws configure' "
                    + "does; the ObitoX database never stores a secret."
        })
final class ProfileAddCommand extends ResultCommand<StorageProfile> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Profile name, e.g. 'My Ceph'.")
    String name;

    @Option(
            names = "--provider",
            required = true,
            paramLabel = "KIND",
            description = "aws, r2, minio, ceph, b2 or generic.")
    String provider;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Endpoint (required except for aws).")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION", description = "Signing region.")
    String region;

    @Option(names = "--path-style", negatable = true, description = "Path-style addressing (provider default).")
    Boolean pathStyle;

    @Option(names = "--bucket", paramLabel = "BUCKET", description = "Default bucket.")
    String bucket;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Credentials credentials;

    static final class Credentials {
        @Option(
                names = "--aws-profile",
                paramLabel = "NAME",
                description = "Use a profile of ~/.aws/config or ~/.aws/credentials (keys, SSO, role …).")
        String awsProfile;

        @ArgGroup(exclusive = false)
        Keys keys;

        @Option(
                names = "--default-chain",
                description = "Use the standard AWS chain (environment, AWS_PROFILE, files).")
        boolean defaultChain;
    }

    static final class Keys {
        @Option(names = "--access-key-id", required = true, paramLabel = "KEY")
        String accessKeyId;

        @Option(
                names = "--secret-access-key",
                required = true,
                arity = "0..1",
                fallbackValue = SecretInput.PROMPT,
                paramLabel = "SECRET",
                description = "Prompted for (hidden; read from stdin without a terminal) when no value is given.")
        String secretAccessKey;

        @Option(
                names = "--session-token",
                arity = "0..1",
                fallbackValue = SecretInput.PROMPT,
                paramLabel = "TOKEN",
                description = "For temporary credentials: prompted for (hidden; read from stdin without a terminal)."
                        + " A value here is refused: command lines are visible to other users and kept in history.")
        String sessionToken;

        @Option(
                names = "--session-token-file",
                paramLabel = "FILE",
                description = "Read the session token from FILE ('-' for standard input).")
        String sessionTokenFile;
    }

    @Option(names = "--json", description = "Print the saved profile as JSON.")
    boolean json;

    ProfileAddCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected StorageProfile act() {
        CredentialMode mode = CredentialMode.DEFAULT_CHAIN;
        String awsProfile = null;
        String key = null;
        String secret = null;
        String token = null;
        if (credentials != null && credentials.awsProfile != null) {
            mode = CredentialMode.AWS_PROFILE;
            awsProfile = credentials.awsProfile;
        } else if (credentials != null && credentials.keys != null) {
            mode = CredentialMode.KEYS;
            key = credentials.keys.accessKeyId;
            secret = SecretInput.secretAccessKey(credentials.keys.secretAccessKey, ctx.out());
            token = SecretInput.sessionToken(
                    credentials.keys.sessionToken, credentials.keys.sessionTokenFile, ctx.out());
        }
        ProfileDraft draft = new ProfileDraft(
                name,
                Provider.parse(provider),
                endpoint,
                region,
                pathStyle,
                bucket,
                mode,
                awsProfile,
                key,
                secret,
                token);
        return ctx.app().profiles().add(draft);
    }

    @Override
    protected boolean json() {
        return json;
    }

    @Override
    protected Object toJson(StorageProfile p) {
        return describe(p);
    }

    @Override
    protected void print(StorageProfile p, Output out) {
        Messages messages = ctx.messages();
        out.println(messages.get("cli.profile.added", p.name(), p.summary()));
        if (p.managedKeys()) {
            out.println(messages.get(
                    "cli.profile.keysSaved", ctx.app().profiles().awsFiles().credentialsFile(), p.awsProfile()));
        }
        out.println(messages.get("cli.profile.checkIt", p.name()));
    }

    static Map<String, Object> describe(StorageProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("provider", p.provider().name().toLowerCase(java.util.Locale.ROOT));
        m.put("endpoint", p.endpoint());
        m.put("region", p.effectiveRegion());
        m.put("pathStyle", p.pathStyle());
        m.put("defaultBucket", p.defaultBucket());
        m.put(
                "credentials",
                switch (p.credentialKind()) {
                    case AWS_PROFILE -> "aws-profile:" + p.awsProfile();
                    case DEFAULT_CHAIN -> "default-chain";
                    case SANDBOX -> "sandbox";
                });
        return m;
    }
}
