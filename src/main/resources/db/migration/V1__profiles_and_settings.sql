-- Storage profiles. Secrets never live here: credentials are an AWS shared-config profile name (ObitoX writes typed
-- keys into the AWS credentials file under its own profile name, as `aws configure` does), the default AWS chain,
-- or the embedded sandbox.
CREATE TABLE profile (
    id              VARCHAR(36)   PRIMARY KEY,
    name            VARCHAR(100)  NOT NULL,
    provider        VARCHAR(20)   NOT NULL,
    endpoint        VARCHAR(1000),
    region          VARCHAR(64),
    path_style      BOOLEAN       NOT NULL DEFAULT FALSE,
    default_bucket  VARCHAR(255),
    credential_kind VARCHAR(20)   NOT NULL,
    aws_profile     VARCHAR(255),
    managed_keys    BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT profile_name_unique UNIQUE (name)
);

CREATE TABLE setting (
    name  VARCHAR(100)  PRIMARY KEY,
    val   VARCHAR(4000) NOT NULL
);
