-- What proved a completed upload intact, in plain words ("Content-MD5 on every request + size + ETag"), shown in the
-- transfer's details. An ETag is compared only where the provider computes it from MD5s for that object.
ALTER TABLE transfer ADD COLUMN verified_by VARCHAR(300);
