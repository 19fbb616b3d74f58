-- Rows of a version-1 database, as that server wrote them (the key hash is bound: SHA-256).
INSERT INTO users (id, username, email, created_at)
    VALUES (1, 'olga', 'olga@example.invalid', '2025-03-01T10:00:00.000Z');
INSERT INTO api_keys (user_id, key_hash, purpose, created_at)
    VALUES (1, :hash, 'cli', '2025-03-01T10:00:00.000Z');
INSERT INTO datasets (id, owner_id, name, description, task_type, task_attributes, metadata,
                      created_at)
    VALUES (1, 1, 'old-scenes', 'made by schema 1', 'segmentation-bitmap',
            '{"format_version":"0.1","categories":[{"id":1,"name":"car"},{"id":2,"name":"road"}]}',
            '{"site":"north"}', '2025-03-01T10:01:00.000Z');
INSERT INTO labelsets (id, dataset_id, name, is_groundtruth, created_at)
    VALUES (1, 1, 'ground-truth', 1, '2025-03-01T10:01:00.000Z');
INSERT INTO samples (id, uuid, dataset_id, name, metadata, attributes, priority, created_at,
                     created_by, gt_updated_at)
    VALUES (1, '6f1c3a52-0000-4000-8000-000000000001', 1, 'first.jpg', '{"weather":"rain"}',
            '{"image":{"url":"https://example.invalid/first.jpg"}}', 2,
            '2025-03-01T10:02:00.000Z', 'olga', '2025-03-01T10:05:00.000Z');
INSERT INTO samples (id, uuid, dataset_id, name, attributes, created_at, created_by)
    VALUES (2, '6f1c3a52-0000-4000-8000-000000000002', 1, 'second.jpg',
            '{"image":{"url":"https://example.invalid/second.jpg"}}',
            '2025-03-01T10:03:00.000Z', 'olga');
INSERT INTO labels (sample_id, labelset_id, label_type, status, attributes, created_at,
                    created_by, updated_at)
    VALUES (1, 1, 'segmentation-bitmap', 'LABELED',
            '{"format_version":"0.1","annotations":[{"id":1,"category_id":1}],"segmentation_bitmap":{"url":"https://example.invalid/first_label.png"}}',
            '2025-03-01T10:05:00.000Z', 'olga', '2025-03-01T10:05:00.000Z');
