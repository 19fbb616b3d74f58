#pragma once

#include <QString>
#include <QUrl>

//! What every front end of the segscope executable (the GUI and the headless commands) shares
//! about itself, so both read the same settings, profiles and caches.
namespace segscope {

//! The organisation, application name and version Qt keys settings and folders by; call it
//! right after constructing the Q(Core)Application.
void setApplicationIdentity();

//! The desktop entry and AppStream id: ai.segscope.Segscope.
QString applicationId();

//! The real service, used when neither --server nor a profile names one.
QUrl defaultServerUrl();

//! `text` as an http(s) URL with a host; an empty URL when it is not one.
QUrl parseServerUrl(const QString &text);

} // namespace segscope
