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
@Command(name = "add", mixinStandardHelpOptions = true, description = "cli.help.profileAdd")
final class ProfileAddCommand extends ResultCommand<StorageProfile> {
    @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "cli.help.profileAdd.name")
    String name;

    @Option(names = "--provider", required = true, paramLabel = "KIND", descriptionKey = "cli.help.profileAdd.provider")
    String provider;

    @Option(names = "--endpoint-url", paramLabel = "URL", descriptionKey = "cli.help.profileAdd.endpointUrl")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION", descriptionKey = "cli.help.profileAdd.region")
    String region;

    @Option(names = "--path-style", negatable = true, descriptionKey = "cli.help.profileAdd.pathStyle")
    Boolean pathStyle;

    @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.profileAdd.bucket")
    String bucket;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Credentials credentials;

    static final class Credentials {
        @Option(names = "--aws-profile", paramLabel = "NAME", descriptionKey = "cli.help.profileAdd.awsProfile")
        String awsProfile;

        @ArgGroup(exclusive = false)
        Keys keys;

        @Option(names = "--default-chain", descriptionKey = "cli.help.profileAdd.defaultChain")
        boolean defaultChain;
    }

    static final class Keys {
        @Option(
                names = "--access-key-id",
                required = true,
                paramLabel = "KEY",
                descriptionKey = "cli.help.profileAdd.accessKeyId")
        String accessKeyId;

        @Option(
                names = "--secret-access-key",
                required = true,
                arity = "0..1",
                fallbackValue = SecretInput.PROMPT,
                paramLabel = "SECRET",
                descriptionKey = "cli.help.profileAdd.secretAccessKey")
        String secretAccessKey;

        @Option(
                names = "--session-token",
                arity = "0..1",
                fallbackValue = SecretInput.PROMPT,
                paramLabel = "TOKEN",
                descriptionKey = "cli.help.profileAdd.sessionToken")
        String sessionToken;

        @Option(
                names = "--session-token-file",
                paramLabel = "FILE",
                descriptionKey = "cli.help.profileAdd.sessionTokenFile")
        String sessionTokenFile;
    }

    @Option(names = "--json", descriptionKey = "cli.help.profileAdd.json")
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

    /**
     * A secret key typed as a value is taken (scripts and earlier versions give one) but warned about once the profile
     * is saved, for the reason a session token's value is refused; after the output, so errors still come first.
     */
    @Override
    protected void afterOutput(StorageProfile p) {
        if (credentials != null
                && credentials.keys != null
                && credentials.keys.secretAccessKey != null
                && !SecretInput.PROMPT.equals(credentials.keys.secretAccessKey)) {
            ctx.out().warn(ctx.messages().get("cli.secret.secretKeyOnCommandLine"));
        }
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
