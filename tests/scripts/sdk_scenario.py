"""The calls of an SDK script, in the SDK's shapes (segments-ai 1.x src/segments/client.py).

run() is driven by sdk_contract.py: `sdk` is alice's client, `other` bob's, `stranger` one with
an unknown key. Every answer is held against models.json by Sdk.call; the checks here are about
what the answers say.
"""

import struct
import urllib.parse
import uuid
import zlib

SDK_VERSION = "1.0.19"
FORBIDDEN = "AuthorizationError"


def png(width=2, height=2):
    """A small valid RGBA PNG."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + b"\x01\x00\x00\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def add_dataset_payload(name, **given):
    """add_dataset() always sends every field, with its defaults for those not given."""
    payload = {
        "name": name, "description": "", "task_type": "segmentation-bitmap",
        "task_attributes": {"format_version": "0.1", "categories": [{"id": 1, "name": "object"}]},
        "category": "other", "public": False, "readme": "", "enable_skip_labeling": True,
        "enable_skip_reviewing": False, "enable_ratings": False, "enable_interpolation": True,
        "enable_same_dimensions_track_constraint": False, "enable_save_button": False,
        "enable_label_status_verified": False, "data_type": "IMAGE"}
    payload.update(given)
    return payload


def add_dataset_endpoint(organization=None):
    return f"/organizations/{organization}/datasets/" if organization else "/user/datasets/"


def get_samples_query(per_page=1000, page=1, name=None, label_status=None, metadata=None,
                      sort="name", direction="asc"):
    """get_samples()'s query string. requests sends a space in it as %20; a script that encodes
    its query as a form (urlencode, requests' params=) sends `+`, which is what this sends."""
    q = f"?per_page={per_page}&page={page}"
    if name:
        q += "&name__contains=" + urllib.parse.quote_plus(name)
    if metadata:
        q += "&filters=" + ",".join([metadata] if isinstance(metadata, str) else metadata)
    if label_status:
        statuses = [label_status] if isinstance(label_status, str) else label_status
        q += "&labelset=ground-truth&label_status=" + ",".join(statuses)
    if sort != "name":
        q += "&sort=" + ("" if direction == "asc" else "-") + {"created": "created_at",
                                                              "priority": "priority"}[sort]
    return q


def upload_asset(sdk, contract, data, filename):
    """upload_asset(): POST /assets/, then the presigned multipart post (fields, then `file`, as
    requests sends `files=` after `data=`: a filename and no content type), without the key."""
    file = sdk.call("POST", "/assets/", {"filename": filename}, status=201, model="File")
    if not file:
        return None
    post = file["presignedPostFields"]
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in post["fields"].items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                     f"{value}\r\n".encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="{filename}"\r\n\r\n'.encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    stored = sdk.send("POST", None, url=post["url"], auth=False, body=body,
                      headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    contract.expect(200 <= stored.status < 300,
                    f"POST {post['url']} (storage): status {stored.status}: {stored.text[:200]}")
    fetched = sdk.send("GET", None, url=file["url"], auth=False)
    contract.expect(fetched.status == 200 and fetched.json is None,
                    f"GET {file['url']}: the uploaded asset did not come back ({fetched.status})")
    return file["url"]


def names(samples):
    return sorted(s["name"] for s in samples or [])


def run(sdk, other, stranger, contract):
    expect = contract.expect
    # SegmentsClient(api_key, api_url): the status check, and an unknown key's 401.
    sdk.call("GET", f"/api_status/?lib_version={SDK_VERSION}")
    bad = stranger.send("GET", f"/api_status/?lib_version={SDK_VERSION}")
    expect(bad.status == 401 and bad.json == {"detail": "Invalid API key."},
           f"GET /api_status/ with an unknown key: {bad.status} {bad.text[:200]}")
    stranger.error("GET", "/user/datasets/", 401, "NetworkError")
    nokey = stranger.send("GET", "/user/datasets/", auth=False)
    expect(nokey.status == 401 and "credentials were not provided" in nokey.text,
           f"GET /user/datasets/ without a key: {nokey.status} {nokey.text[:200]}")

    # Datasets: fresh (only the name: the SDK fills its defaults) and fully populated.
    fresh = sdk.call("POST", add_dataset_endpoint(), add_dataset_payload("sdk-fresh"), 201,
                     "Dataset")
    expect(fresh and fresh["full_name"] == "alice/sdk-fresh", f"add_dataset: {fresh}")
    task_attributes = {
        "format_version": "0.1",
        "categories": [
            {"id": 1, "name": "car", "color": [255, 0, 0], "has_instances": True,
             "attributes": [
                 {"name": "kind", "input_type": "select", "values": ["suv", "van"],
                  "default_value": "suv", "is_mandatory": True},
                 {"name": "note", "input_type": "text", "default_value": "n"},
                 {"name": "doors", "input_type": "number", "default_value": 4, "min": 1,
                  "max": 6, "step": 1},
                 {"name": "parked", "input_type": "checkbox", "default_value": False}]},
            {"id": 2, "name": "road", "color": [0, 0, 255, 128], "has_instances": False}],
        "image_attributes": [{"name": "weather", "input_type": "select",
                              "values": ["sun", "rain"]}]}
    flags = {k: True for k in ["enable_skip_labeling", "enable_skip_reviewing", "enable_ratings",
                               "enable_interpolation", "enable_same_dimensions_track_constraint",
                               "enable_save_button", "enable_label_status_verified"]}
    full = sdk.call("POST", add_dataset_endpoint(), add_dataset_payload(
        "sdk-full", description="Every field", task_attributes=task_attributes,
        category="garden", public=True, readme="# Full", **flags), 201, "Dataset")
    got = sdk.call("GET", "/datasets/alice/sdk-full/", model="Dataset")
    if got and full:
        expect(got["description"] == "Every field" and got["category"] == "garden"
               and got["public"] is True and got["readme"] == "# Full"
               and all(got[k] is True for k in flags), f"get_dataset: fields not kept: {got}")
        expect(got["task_attributes"]["categories"][1]["color"] == [0, 0, 255, 128],
               f"get_dataset: colour not kept: {got['task_attributes']}")
    org = sdk.call("POST", add_dataset_endpoint("alice"), add_dataset_payload("sdk-org"), 201,
                   "Dataset")
    expect(org and org["owner"]["username"] == "alice", f"add_dataset(organization=): {org}")
    sdk.error("POST", add_dataset_endpoint("bob"), 403, FORBIDDEN, add_dataset_payload("x"))
    sdk.error("POST", add_dataset_endpoint("acme"), 403, FORBIDDEN, add_dataset_payload("x"))
    sdk.error("POST", add_dataset_endpoint(), 400, "AlreadyExistsError",
              add_dataset_payload("sdk-fresh"))
    sdk.error("POST", add_dataset_endpoint("alice"), 400, "AlreadyExistsError",
              add_dataset_payload("sdk-org"))
    sdk.error("POST", add_dataset_endpoint(), 400, "NetworkError",
              add_dataset_payload("bad", task_type="drawing"))
    sdk.error("GET", "/datasets/alice/nope/", 404, "NotFoundError")
    for name, task_type in [("sdk-vector", "vector"), ("sdk-vecseq", "image-vector-sequence"),
                            ("sdk-segseq", "image-segmentation-sequence")]:
        sdk.call("POST", add_dataset_endpoint(), add_dataset_payload(
            name, task_type=task_type, task_attributes=task_attributes), 201, "Dataset")
    listed = sdk.call("GET", "/user/datasets/", model="Dataset", many=True)
    expect({"sdk-fresh", "sdk-full", "sdk-org"} <= {d["name"] for d in listed or []},
           "get_datasets(): the new datasets are missing")
    theirs = other.call("GET", "/users/alice/datasets/", model="Dataset", many=True)
    expect([d["name"] for d in theirs or []] == ["sdk-full"],
           f"get_datasets(user='alice') as bob: only the public one, got {theirs}")

    # update_dataset sends only the truthy fields.
    updated = sdk.call("PATCH", "/datasets/alice/sdk-fresh/",
                       {"description": "Described", "public": True, "enable_ratings": True},
                       model="Dataset")
    expect(updated and updated["description"] == "Described" and updated["enable_ratings"],
           f"update_dataset: {updated}")
    other.error("PATCH", "/datasets/alice/sdk-fresh/", 403, FORBIDDEN, {"description": "mine"})

    # Assets.
    image_url = upload_asset(sdk, contract, png(), "flower.png")
    bitmap_url = upload_asset(sdk, contract, png(), "label.png")
    image = {"image": {"url": image_url}}

    # Samples: add_sample sends name and attributes, then only the truthy optional fields.
    samples = "/datasets/alice/sdk-full/samples/"
    minimal = sdk.call("POST", samples, {"name": "fresh.jpg", "attributes": image}, 201, "Sample")
    complete = sdk.call("POST", samples, {
        "name": "red car.jpg", "attributes": image, "metadata": {"city": "Ghent", "speed": 5},
        "priority": 5, "assigned_labeler": "alice", "assigned_reviewer": "alice",
        "embedding": [0.1, 0.2]}, 201, "Sample")
    bulk = sdk.call("POST", "/datasets/alice/sdk-full/samples_bulk/", [
        {"name": "red+car.jpg", "attributes": image, "metadata": {"city": "Leuven"}},
        {"name": "blue car.jpg", "attributes": image, "priority": 1}], 201, "Sample", many=True)
    expect(len(bulk or []) == 2, f"add_samples: {bulk}")
    sdk.error("POST", samples, 400, "AlreadyExistsError", {"name": "fresh.jpg",
                                                           "attributes": image})
    sdk.error("POST", samples, 400, "NetworkError",
              {"name": "broken.jpg", "attributes": {"image": {"url": ""}}})
    other.error("POST", samples, 403, FORBIDDEN, {"name": "bobs.jpg", "attributes": image})
    clip = sdk.call("POST", "/datasets/alice/sdk-vecseq/samples/", {"name": "clip", "attributes": {
        "frames": [{"image": {"url": image_url}, "name": "f0"}, {"image": {"url": image_url}}]}},
        201, "Sample")
    segclip = sdk.call("POST", "/datasets/alice/sdk-segseq/samples/", {"name": "clip", "attributes": {
        "frames": [{"image": {"url": image_url}}]}}, 201, "Sample")
    shape = sdk.call("POST", "/datasets/alice/sdk-vector/samples/",
                     {"name": "shapes.png", "attributes": image}, 201, "Sample")
    if not (minimal and complete and clip and segclip and shape):
        return
    expect(complete["assigned_labeler"] == "alice" and complete["priority"] == 5
           and complete["metadata"] == {"city": "Ghent", "speed": 5}, f"add_sample: {complete}")

    # Labels: add_label (PUT) with the fewest fields the SDK's model takes, then every field.
    label_path = f"/labels/{minimal['uuid']}/ground-truth/"
    sdk.error("GET", label_path, 404, "NotFoundError")
    one = sdk.call("PUT", label_path, {"label_status": "PRELABELED", "attributes": {
        "annotations": [], "segmentation_bitmap": {"url": bitmap_url}}}, model="Label")
    expect(one and one["created_by"] == "alice" and one["label_type"] == "segmentation-bitmap",
           f"add_label: {one}")
    full_path = f"/labels/{complete['uuid']}/ground-truth/"
    sdk.call("PUT", full_path, {"label_status": "LABELED", "score": 0.9, "attributes": {
        "format_version": "0.1",
        "annotations": [{"id": 1, "category_id": 1, "attributes": {"kind": "van"}},
                        {"id": 2, "category_id": 2}],
        "segmentation_bitmap": {"url": bitmap_url},
        "image_attributes": {"weather": "sun"}}}, model="Label")
    reviewed = sdk.call("PATCH", full_path, {"attributes": {
        "annotations": [{"id": 1, "category_id": 1}], "segmentation_bitmap": {"url": bitmap_url}},
        "label_status": "REVIEWED", "score": 0.5}, model="Label")
    expect(reviewed and reviewed["reviewed_by"] == "alice" and reviewed["reviewed_at"]
           and reviewed["score"] == 0.5, f"update_label: {reviewed}")
    fetched = sdk.call("GET", full_path, model="Label")
    with_label = sdk.call("GET", f"/samples/{complete['uuid']}/?labelset=ground-truth",
                          model="Sample")
    expect(with_label and with_label["label"] == fetched,
           "get_sample(labelset=): `label` is not the full Label")
    without = sdk.call("GET", f"/samples/{shape['uuid']}/?labelset=ground-truth", model="Sample")
    expect(without and "label" in without and without["label"] is None,
           f"get_sample(labelset=) without a label: `label` must be null: {without}")
    plain = sdk.call("GET", f"/samples/{complete['uuid']}/", model="Sample")
    expect(plain and plain["dataset_full_name"] == "alice/sdk-full", f"get_sample: {plain}")
    sdk.error("GET", f"/samples/{complete['uuid']}/?labelset=nope", 404, "NotFoundError")
    sdk.error("GET", f"/samples/{uuid.uuid4()}/", 404, "NotFoundError")
    sdk.error("PUT", label_path, 400, "NetworkError", {"label_status": "PRELABELED", "attributes": {
        "annotations": [{"id": 1, "category_id": 7}], "segmentation_bitmap": {"url": None}}})
    sdk.call("PUT", f"/labels/{shape['uuid']}/ground-truth/", {"label_status": "PRELABELED",
             "attributes": {"format_version": "0.1", "annotations": [
                 {"id": 1, "category_id": 1, "type": "bbox", "points": [[1, 2], [3, 4]]},
                 {"id": 2, "category_id": 2, "type": "polygon",
                  "points": [[0, 0], [1, 0], [1, 1]], "attributes": {"kind": "suv"}},
                 {"id": 3, "category_id": 1, "type": "polyline", "points": [[0, 0], [2, 2]]},
                 {"id": 4, "category_id": 2, "type": "point", "points": [[5.5, 6.5]]}]}},
             model="Label")
    box = {"id": 1, "category_id": 1, "track_id": 1, "is_keyframe": True, "type": "bbox",
           "points": [[1, 2], [3, 4]]}
    sdk.call("PUT", f"/labels/{clip['uuid']}/ground-truth/", {"label_status": "PRELABELED",
             "attributes": {"format_version": "0.2", "frames": [
                 {"annotations": [box], "timestamp": 0, "format_version": "0.2"},
                 {"annotations": [], "timestamp": "1"}]}}, model="Label")
    sdk.call("PUT", f"/labels/{segclip['uuid']}/ground-truth/", {"label_status": "LABELED",
             "attributes": {"frames": [{"annotations": [
                 {"id": 1, "category_id": 2, "track_id": 1}],
                 "segmentation_bitmap": {"url": bitmap_url}, "timestamp": 0}]}}, model="Label")
    sdk.call("GET", f"/samples/{segclip['uuid']}/?labelset=ground-truth", model="Sample")

    # Listing: pages, filters, sort, as get_samples() writes them; the SDK drops `label`.
    def drop_label(sample, where):
        # get_samples() pops `label` before it parses (1.0.19); a later SDK reads it as a
        # LabelSummary, which the list sends.
        sample = dict(sample)
        if isinstance(sample.get("label"), dict):
            contract.report(contract.models.check(sample.pop("label"), "LabelSummary",
                                                  f"{where}.label"))
        return sample

    def listing(query):
        return sdk.call("GET", samples + query, model="Sample", many=True, parse=drop_label) or []
    everything = [s["name"] for s in listing(get_samples_query())]
    expect(everything == sorted(everything) and len(everything) == 4, f"get_samples: {everything}")
    paged = []
    for page in (1, 2):
        paged += [s["name"] for s in listing(get_samples_query(per_page=2, page=page))]
    expect(paged == everything, f"get_samples(per_page=2): {paged}")
    sdk.error("GET", samples + get_samples_query(per_page=2, page=3), 404, "NetworkError")
    expect(names(listing(get_samples_query(name="red car"))) == ["red car.jpg"],
           "get_samples(name='red car') sent as red+car: not only 'red car.jpg'")
    expect(names(listing(get_samples_query(name="red+car"))) == ["red+car.jpg"],
           "get_samples(name='red+car') sent as red%2Bcar: not only 'red+car.jpg'")
    expect(names(listing(get_samples_query(metadata="city:Ghent"))) == ["red car.jpg"],
           "get_samples(metadata='city:Ghent')")
    expect(names(listing(get_samples_query(label_status=["REVIEWED", "PRELABELED"])))
           == ["fresh.jpg", "red car.jpg"], "get_samples(label_status=[...])")
    expect(names(listing(get_samples_query(label_status="UNLABELED")))
           == ["blue car.jpg", "red+car.jpg"], "get_samples(label_status='UNLABELED')")
    by_priority = [s["name"] for s in listing(get_samples_query(sort="priority", direction="desc"))]
    expect(by_priority[:2] == ["red car.jpg", "blue car.jpg"], f"sort=-priority: {by_priority}")
    newest = [s["created_at"] for s in listing(get_samples_query(sort="created", direction="desc"))]
    expect(len(newest) == 4 and newest == sorted(newest, reverse=True), f"sort=-created_at: {newest}")

    # Labelsets: add_labelset sends attributes as the string "{}".
    labelsets = "/datasets/alice/sdk-full/labelsets/"
    sdk.call("POST", labelsets, {"name": "preds", "description": "", "attributes": "{}"}, 201,
             "Labelset")
    sdk.call("POST", labelsets, {"name": "model-v2", "description": "Version 2",
                                 "attributes": "{}"}, 201, "Labelset")
    sdk.error("POST", labelsets, 400, "AlreadyExistsError",
              {"name": "preds", "description": "", "attributes": "{}"})
    sets = sdk.call("GET", labelsets, model="Labelset", many=True)
    expect([s["name"] for s in sets or []][:1] == ["ground-truth"] and len(sets or []) == 3,
           f"get_labelsets: {sets}")
    preds = sdk.call("GET", labelsets + "preds/", model="Labelset")
    expect(preds and preds["is_groundtruth"] is False, f"get_labelset: {preds}")
    sdk.call("PUT", f"/labels/{complete['uuid']}/preds/", {"label_status": "PRELABELED",
             "score": 0.25, "attributes": {"annotations": [{"id": 1, "category_id": 1}],
                                           "segmentation_bitmap": {"url": bitmap_url}}},
             model="Label")
    in_preds = sdk.call("GET", f"/samples/{complete['uuid']}/?labelset=preds", model="Sample")
    expect(in_preds and in_preds["label"]["labelset"] == "preds", f"labelset preds: {in_preds}")
    sdk.call("DELETE", labelsets + "preds/", status=204)
    sdk.error("DELETE", labelsets + "preds/", 404, "NotFoundError")
    sdk.error("GET", f"/labels/{complete['uuid']}/preds/", 404, "NotFoundError")

    # Issues: add_issue, get_issues, update_issue, delete_issue, with the SDK's paths and bodies.
    issues_path = f"/samples/{complete['uuid']}/issues/"
    issue = sdk.call("POST", issues_path, {"description": "You forgot the cars.",
                                           "status": "OPEN"}, 201, "Issue") or {}
    expect(issue.get("status") == "OPEN" and issue.get("sample_uuid") == complete["uuid"]
           and issue.get("created_by") == "alice" and issue.get("comments") == [],
           f"add_issue: {issue}")
    issue_path = f"/issues/{issue.get('uuid', 'missing')}/"
    listed_issues = sdk.call("GET", "/datasets/alice/sdk-full/issues/", model="Issue", many=True)
    expect([i["uuid"] for i in listed_issues or []] == [issue.get("uuid")],
           f"get_issues: {listed_issues}")
    with_issues = sdk.call("GET", f"/samples/{complete['uuid']}/", model="Sample")
    expect(with_issues and with_issues.get("issues") == listed_issues,
           f"get_sample: `issues` is not the sample's issues: {with_issues}")
    closed = sdk.call("PATCH", issue_path, {"status": "CLOSED"}, model="Issue")
    expect(closed and closed["status"] == "CLOSED"
           and closed["description"] == "You forgot the cars.", f"update_issue: {closed}")
    other.call("GET", "/datasets/alice/sdk-full/issues/", model="Issue", many=True)
    other.error("POST", issues_path, 403, FORBIDDEN, {"description": "mine", "status": "OPEN"})
    other.error("PATCH", issue_path, 403, FORBIDDEN, {"status": "OPEN"})
    other.error("DELETE", issue_path, 403, FORBIDDEN)
    sdk.error("POST", issues_path, 400, "NetworkError", {"description": "x", "status": "DONE"})
    sdk.error("POST", f"/samples/{uuid.uuid4()}/issues/", 404, "NotFoundError",
              {"description": "x", "status": "OPEN"})
    sdk.call("DELETE", issue_path, status=204)
    sdk.error("DELETE", issue_path, 404, "NotFoundError")

    # update_sample, delete_label, delete_sample, delete_dataset.
    renamed = sdk.call("PATCH", f"/samples/{minimal['uuid']}/", {
        "name": "renamed.jpg", "metadata": {"k": 1}, "priority": 2, "assigned_labeler": "alice"},
        model="Sample")
    expect(renamed and renamed["name"] == "renamed.jpg" and renamed["priority"] == 2,
           f"update_sample: {renamed}")
    sdk.error("PATCH", f"/samples/{minimal['uuid']}/", 400, "AlreadyExistsError",
              {"name": "red car.jpg"})
    sdk.call("DELETE", label_path, status=204)
    sdk.error("DELETE", label_path, 404, "NotFoundError")
    sdk.call("DELETE", f"/samples/{minimal['uuid']}/", status=204)
    sdk.error("GET", f"/samples/{minimal['uuid']}/", 404, "NotFoundError")
    other.error("DELETE", "/datasets/alice/sdk-full/", 403, FORBIDDEN)
    sdk.call("DELETE", "/datasets/alice/sdk-org/", status=204)
    sdk.error("GET", "/datasets/alice/sdk-org/", 404, "NotFoundError")
    sdk.call("GET", "/user", model="User")
