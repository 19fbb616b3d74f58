#pragma once

#include <QStringList>

//! The closed vocabularies of the API (docs/api-contract.md §3). Kept as strings in the values, so
//! a status the real service adds tomorrow still round-trips; these lists are for validation and
//! menus.
namespace segscope::wire {

const QStringList &labelStatuses();       //!< UNLABELED, PRELABELED, ... VERIFIED
const QStringList &taskTypes();           //!< segmentation-bitmap, bboxes, ...
const QStringList &datasetCategories();   //!< street_scenery, garden, ... (plus custom-*)
const QStringList &attributeInputTypes(); //!< select, multiselect, text, number, checkbox
const QStringList &sampleSortFields();    //!< name, created_at, priority, gt_label__updated_at

bool isLabelStatus(const QString &s);
bool isTaskType(const QString &s);
bool isDatasetCategory(const QString &s);
//! Image task types Segscope can preview (the rest are listed as "not previewable").
bool isImageTaskType(const QString &s);
bool isSegmentationTaskType(const QString &s);

} // namespace segscope::wire
