-- Schema version 1, exactly as app/server/store/database.cpp shipped it (migration 1).
-- Frozen: shipped migrations are never edited, so a database made with this must keep opening.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL DEFAULT '',
    is_organization INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key_hash BLOB NOT NULL UNIQUE,
    purpose TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE datasets (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT 'other',
    public INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0,
    task_type TEXT NOT NULL,
    task_attributes TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    flags TEXT NOT NULL DEFAULT '{}',
    readme TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (owner_id, name)
);
CREATE TABLE labelsets (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    is_groundtruth INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (dataset_id, name)
);
CREATE TABLE samples (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    attributes TEXT NOT NULL DEFAULT '{}',
    priority REAL NOT NULL DEFAULT 0,
    readme TEXT NOT NULL DEFAULT '',
    assigned_labeler TEXT,
    assigned_reviewer TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    gt_updated_at TEXT NOT NULL DEFAULT '',
    UNIQUE (dataset_id, name)
);
CREATE INDEX samples_by_name ON samples (dataset_id, name, uuid);
CREATE INDEX samples_by_created ON samples (dataset_id, created_at, uuid);
CREATE INDEX samples_by_priority ON samples (dataset_id, priority, uuid);
CREATE INDEX samples_by_gt_updated ON samples (dataset_id, gt_updated_at, uuid);
CREATE TABLE labels (
    sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    labelset_id INTEGER NOT NULL REFERENCES labelsets(id) ON DELETE CASCADE,
    label_type TEXT NOT NULL,
    status TEXT NOT NULL,
    attributes TEXT NOT NULL,
    score REAL,
    rating REAL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    reviewed_at TEXT,
    reviewed_by TEXT,
    PRIMARY KEY (sample_id, labelset_id)
) WITHOUT ROWID;
CREATE INDEX labels_by_status ON labels (labelset_id, status, sample_id);
CREATE TABLE assets (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    filename TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    size INTEGER NOT NULL DEFAULT 0,
    content_type TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    stored INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
