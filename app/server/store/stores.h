#pragma once

#include "store/assetstore.h"
#include "store/database.h"
#include "store/datasetstore.h"
#include "store/issuestore.h"
#include "store/labelstore.h"
#include "store/samplestore.h"
#include "store/storeerror.h"
#include "store/userstore.h"

namespace segscope::server {

//! The server's storage: one database connection and the stores over it.
struct Stores {
    Stores(const QString &dataDir)
        : db(dataDir + QStringLiteral("/segscope.sqlite"))
        , users(db)
        , datasets(db)
        , samples(db)
        , labels(db)
        , issues(db)
        , assets(db, dataDir) {}

    Database db;
    UserStore users;
    DatasetStore datasets;
    SampleStore samples;
    LabelStore labels;
    IssueStore issues;
    AssetStore assets;
};

} // namespace segscope::server
