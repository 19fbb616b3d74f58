#pragma once

#include "apiclient.h"

#include "wire/user.h"

//! docs/api-contract.md §1 and §4: the session check and users.
namespace segscope::api {

//! GET /api_status/?lib_version=: succeeds when the key is valid (401 otherwise).
CallHandle getApiStatus(ApiClient &client, QObject *context, Callback<Done> done);
//! GET /user: the caller.
CallHandle getCurrentUser(ApiClient &client, QObject *context, Callback<wire::User> done);
//! GET /users/{username}
CallHandle getUser(ApiClient &client, const QString &username, QObject *context,
                   Callback<wire::User> done);

} // namespace segscope::api
