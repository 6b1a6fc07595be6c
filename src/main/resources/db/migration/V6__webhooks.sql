-- Webhook receivers. The signing secrets are stored encrypted (AES-GCM; the key is a 0600 file in the app home, see
-- docs/webhooks.md), never in plain text. During a rotation the previous secret keeps signing until it expires.
CREATE TABLE webhook_endpoint (
    id                   VARCHAR(40)    PRIMARY KEY,
    url                  VARCHAR(2000)  NOT NULL,
    events               VARCHAR(500)   NOT NULL,
    enabled              BOOLEAN        NOT NULL,
    disabled_reason      VARCHAR(500),
    secret_enc           VARCHAR(400)   NOT NULL,
    previous_secret_enc  VARCHAR(400),
    previous_expires_at  TIMESTAMP WITH TIME ZONE,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The transactional outbox (the feature plan's upload_webhooks): one row per event and endpoint, written in the same
-- transaction that marks the transfer completed or failed, so a crash right after completion loses no event.
-- id is the webhook-id header (msg_<ULID>), the receiver's idempotency key; it never changes, not even on replay.
-- transfer_id is the plan's upload_id (null for test events); no foreign key, so clearing the transfer history
-- leaves the delivery log alone.
CREATE TABLE upload_webhooks (
    id                  VARCHAR(40)    PRIMARY KEY,
    endpoint_id         VARCHAR(40)    NOT NULL,
    transfer_id         VARCHAR(36),
    event_type          VARCHAR(40)    NOT NULL,
    payload             VARCHAR(20000) NOT NULL,
    status              VARCHAR(16)    NOT NULL,
    attempts            INT            NOT NULL DEFAULT 0,
    last_attempt_at     TIMESTAMP WITH TIME ZONE,
    next_attempt_at     TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at        TIMESTAMP WITH TIME ZONE,
    last_response_code  INT,
    last_latency_ms     BIGINT,
    last_error          VARCHAR(1000),
    -- the process (pid:start) that has it IN_FLIGHT; a dead owner's rows go back to PENDING at the next start
    owner               VARCHAR(64),
    CONSTRAINT upload_webhooks_endpoint_fk FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoint (id) ON DELETE CASCADE
);
CREATE INDEX upload_webhooks_due_idx ON upload_webhooks (status, next_attempt_at);
CREATE INDEX upload_webhooks_created_idx ON upload_webhooks (created_at);
CREATE INDEX upload_webhooks_transfer_idx ON upload_webhooks (transfer_id);
