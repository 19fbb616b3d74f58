#pragma once

#include "routes/bodyreader.h"

#include "wire/dataset.h"
#include "wire/issue.h"
#include "wire/label.h"
#include "wire/labelset.h"
#include "wire/sample.h"

namespace segscope::server {

//! The request bodies of the write endpoints, each read by one function for its create and its
//! update alike (Create: a POST or PUT, required fields must be there; Update: a PATCH, only the
//! fields present). The fields given are written over `into`, which the caller starts from a
//! default value (create) or the stored one (update); nothing is stored on the way, so a bad
//! field leaves everything as it was. Each throws HttpError (400, naming the field) at the first
//! problem.

//! A sample: name (not blank, at most 255), attributes (image.url, frames), metadata, priority,
//! readme, assigned_labeler / assigned_reviewer (null unassigns). `path` prefixes field names
//! (a bulk item's "[3]").
void readSampleBody(const QJsonValue &body, BodyReader::Mode mode, const wire::JsonPath &path,
                    wire::Sample &into);

//! A dataset: name (a slug), description, readme, category, task_type, public, archived,
//! metadata, the flags, task_attributes (categories with distinct ids).
void readDatasetBody(const QJsonValue &body, BodyReader::Mode mode, wire::Dataset &into);

//! A new labelset: name (a slug) and description.
wire::Labelset readLabelsetBody(const QJsonValue &body);

//! A label: attributes (required by PUT; annotations of the dataset's categories with distinct
//! ids; for the vector task types each with a `type` and `points`; for the image sequence task
//! types a list of `frames`, each checked so, with a `track_id` on every annotation and, for
//! segmentation, a `segmentation_bitmap`), label_status (PUT without one: PRELABELED; never
//! UNLABELED), score (null clears). `taskType` is the dataset's.
void readLabelBody(const QJsonValue &body, BodyReader::Mode mode, const QString &taskType,
                   const wire::TaskAttributes &categories, wire::Label &into);

//! An issue: description (required on create; not blank, at most kMaxIssueDescription) and
//! status (OPEN or CLOSED; the caller starts a new issue as OPEN). Other fields are ignored.
void readIssueBody(const QJsonValue &body, BodyReader::Mode mode, wire::Issue &into);
//! The longest issue description the server stores (ours: a note, not a document).
inline constexpr int kMaxIssueDescription = 2000;

//! POST /assets/: the filename (not blank, at most 255).
QString readAssetBody(const QJsonValue &body);

} // namespace segscope::server
