#include "vocabulary.h"

using namespace Qt::StringLiterals;

namespace segscope::wire {

const QStringList &labelStatuses() {
    static const QStringList list{u"UNLABELED"_s,
                                  u"PRELABELED"_s,
                                  u"LABELING_IN_PROGRESS"_s,
                                  u"LABELED"_s,
                                  u"REVIEWING_IN_PROGRESS"_s,
                                  u"REVIEWED"_s,
                                  u"REJECTED"_s,
                                  u"SKIPPED"_s,
                                  u"VERIFIED"_s};
    return list;
}

const QStringList &taskTypes() {
    static const QStringList list{u"segmentation-bitmap"_s,
                                  u"segmentation-bitmap-highres"_s,
                                  u"image-segmentation-sequence"_s,
                                  u"bboxes"_s,
                                  u"vector"_s,
                                  u"image-vector-sequence"_s,
                                  u"keypoints"_s,
                                  u"pointcloud-cuboid"_s,
                                  u"pointcloud-cuboid-sequence"_s,
                                  u"pointcloud-segmentation"_s,
                                  u"pointcloud-segmentation-sequence"_s,
                                  u"pointcloud-vector"_s,
                                  u"pointcloud-vector-sequence"_s,
                                  u"multisensor-sequence"_s};
    return list;
}

const QStringList &datasetCategories() {
    static const QStringList list{u"street_scenery"_s, u"garden"_s, u"agriculture"_s,
                                  u"satellite"_s,      u"people"_s, u"medical"_s,
                                  u"fruit"_s,          u"other"_s};
    return list;
}

const QStringList &attributeInputTypes() {
    static const QStringList list{u"select"_s, u"multiselect"_s, u"text"_s, u"number"_s,
                                  u"checkbox"_s};
    return list;
}

const QStringList &sampleSortFields() {
    static const QStringList list{u"name"_s, u"created_at"_s, u"priority"_s,
                                  u"gt_label__updated_at"_s};
    return list;
}

bool isLabelStatus(const QString &s) {
    return labelStatuses().contains(s);
}
bool isTaskType(const QString &s) {
    return taskTypes().contains(s);
}

bool isDatasetCategory(const QString &s) {
    return datasetCategories().contains(s) || (s.startsWith(u"custom-"_s) && s.size() > 7);
}

bool isImageTaskType(const QString &s) {
    return s == u"segmentation-bitmap"_s || s == u"segmentation-bitmap-highres"_s ||
           s == u"image-segmentation-sequence"_s || s == u"bboxes"_s || s == u"vector"_s ||
           s == u"image-vector-sequence"_s || s == u"keypoints"_s;
}

bool isSegmentationTaskType(const QString &s) {
    return s == u"segmentation-bitmap"_s || s == u"segmentation-bitmap-highres"_s ||
           s == u"image-segmentation-sequence"_s;
}

} // namespace segscope::wire
