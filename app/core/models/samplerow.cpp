#include "samplerow.h"

namespace segscope::models {

SampleRow SampleRow::fromSample(const wire::Sample &s) {
    SampleRow row{
        s.uuid,      s.name,     s.displayImageUrl(), s.label ? s.label->labelStatus : QString(),
        s.createdAt, s.priority, s.metadata,          {},
        {}};
    if (s.fullLabel && !s.fullLabel->attributes.bitmapUrl.isEmpty()) {
        const wire::LabelAttributes &label = s.fullLabel->attributes;
        row.bitmapUrl = label.bitmapUrl;
        row.instanceCategories.reserve(label.annotations.size());
        for (const wire::Annotation &a : label.annotations) {
            if (a.id > 0 && a.id <= 0xFFFFFF) // what the bitmap's 24 bits can hold
                row.instanceCategories.append({quint32(a.id), a.categoryId});
        }
    }
    return row;
}

} // namespace segscope::models
