#pragma once

class QThreadPool;

//! Which thread runs what: the one rule for the whole client, and what the code follows.
//!
//! - The GUI thread owns every widget and every QObject the GUI uses (models, loaders, caches,
//!   the ApiClient); only it touches them. It never waits for a pool and never does work that
//!   can take more than a few milliseconds: no decoding, no colouring of a whole overlay.
//! - backgroundPool(), Qt's global pool: many short, independent jobs nobody waits on one by
//!   one: thumbnails (scaled decode, label compose) and disk work (the thumbnail disk cache, the
//!   cache settings' sizes and clearing).
//! - detailPool(), a pool of its own: the sample the user is looking at: decoding its image and
//!   bitmap, computing its label facts, colouring its overlay and the row bands that colouring
//!   splits into. Separate, so scrolling a grid of hundreds of thumbnails never delays the open
//!   sample, and a large decode never holds up the thumbnails.
//! - No other threads: no std::thread, no QThread subclass, no private pool.
//! - A pool task takes its inputs by value or as shared immutable values
//!   (std::shared_ptr<const T>), never a pointer to a GUI object, and hands its result back
//!   through a models::Mailbox (models/mailbox.h) or a queued call bound to a context QObject,
//!   so a result whose receiver is gone is dropped. Work that can be overtaken carries a
//!   cancelled flag or a generation, and the receiver drops stale results.
//! - A task may wait only for work it split off itself (labels::forEachRowBand), and then takes
//!   its share of that work, and all of it when no pool thread is free, so a wait never
//!   deadlocks a full pool.
namespace segscope::threading {

//! Thumbnails and disk work: QThreadPool::globalInstance().
QThreadPool *backgroundPool();
//! The open sample: decoding, label facts, overlay colouring. As many threads as cores.
QThreadPool *detailPool();

} // namespace segscope::threading
