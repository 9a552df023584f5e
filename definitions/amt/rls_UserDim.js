// AMT-SPEC §5.1: staff with their work e-mail (type mapped to Email.Work), one row per such e-mail. The
// e-mail is embedded in the staff record, so its "CreateDate" is the staff record's date (spec §3.1).
if (amt.collectionEnabled("rls")) {
  publish("rls_UserDim", amt.collectionConfig("rls_UserDim")).query((ctx) =>
    amt.shape(
      "rls_UserDim",
      `SELECT
  sf.staff_unique_id AS UserKey,
  em.electronic_mail_address AS UserEmail,
  ${dialect.greatestNonNull(["sf.last_modified_date", "emt.last_modified_date"])} AS LastModifiedDate
FROM ${amt.source(ctx, "stg_staffs")} AS sf
INNER JOIN ${amt.source(ctx, "stg_staffs__electronic_mails")} AS em ON em.parent_id = sf.id AND em.school_year = sf.school_year
INNER JOIN ${amt.mappedTo(ctx, ["Email.Work"])} AS m ON m.DescriptorUri = em.electronic_mail_type_descriptor_uri
LEFT JOIN ${amt.descriptors(ctx, "electronicMailType")} AS emt ON emt.uri = em.electronic_mail_type_descriptor_uri`,
    ),
  );
}
