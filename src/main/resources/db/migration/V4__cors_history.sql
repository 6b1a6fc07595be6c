-- Every change ObitoX made to a bucket's CORS configuration, with the configuration before and after (JSON in the
-- format of `aws s3api get-bucket-cors`; {"CORSRules":[]} means "no configuration"), so any earlier configuration
-- can be restored. Buckets are identified by the storage endpoint and the bucket name, so the history survives a
-- renamed or re-created profile; the profile name is kept for display.
CREATE TABLE cors_change (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    profile         VARCHAR(200),
    endpoint        VARCHAR(1000) NOT NULL,
    bucket          VARCHAR(255)  NOT NULL,
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    action          VARCHAR(20)   NOT NULL,
    previous_config CLOB          NOT NULL,
    new_config      CLOB          NOT NULL,
    restored_from   BIGINT,
    CONSTRAINT cors_change_restored_from FOREIGN KEY (restored_from) REFERENCES cors_change (id)
);

CREATE INDEX cors_change_bucket ON cors_change (endpoint, bucket, id);
