-- Issue 16: the object settings an upload asks for (storage class, encryption, ACL, cache headers, metadata, tags),
-- as JSON (io.obitox.objects.UploadSettingsJson), so a resumed upload sends the same. NULL: none (bucket defaults).
-- Never a secret: SSE-C is stored as its key's MD5 fingerprint only; the key file is asked for again at resume.
ALTER TABLE transfer ADD COLUMN object_settings VARCHAR(16000);
