#pragma once

#include "wire/dataset.h"
#include "wire/label.h"

//! What the offline `segscope render` reads from its --label and --dataset files, each with the
//! T::read(value, path, error) of the wire readers. Apart from the command so that the JSON value
//! readers' fuzzer (tests/fuzz/fuzz_wirejson.cpp) reads them as the command does.
namespace segscope::cli {

//! The --label file: a label as the API returns it, or only its attributes (`{"annotations":
//! [...], "segmentation_bitmap": ...}`), as a model's output usually is before it is uploaded.
struct LabelFileBody {
    wire::Label label;

    static LabelFileBody read(const QJsonValue &v, const wire::JsonPath &path,
                              wire::JsonError *error);
};

//! The --dataset file: only its categories matter, so a whole dataset, an object with only
//! `task_attributes`, or the task attributes themselves (`{"categories": [...]}`) will do.
struct CategoriesFileBody {
    std::optional<wire::TaskAttributes> task;

    static CategoriesFileBody read(const QJsonValue &v, const wire::JsonPath &path,
                                   wire::JsonError *error);
};

} // namespace segscope::cli
