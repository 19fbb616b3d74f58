#pragma once

#include <QString>

//! Constants of the wire contract (docs/api-contract.md) that both the client and the server
//! need; each is written here once.
namespace segscope::wire {

//! The labelset a dataset always has, used when a request names none.
inline const QString DefaultLabelset = QStringLiteral("ground-truth");

//! The largest asset (image or bitmap) a client uploads and a server stores.
inline constexpr qint64 MaxAssetBytes = 100LL * 1024 * 1024;
//! The same, in words, for messages.
inline const QString MaxAssetText = QStringLiteral("100 MB");

} // namespace segscope::wire
