// AMT-SPEC §4.10: student–contact associations (DS 4 parents, DS 5 contacts: staging keeps both in
// stg_contacts / stg_student_contact_associations) with each contact's addresses, telephones and
// e-mails flattened by the type mapped in analytics_config.DescriptorMap.
//
// [output column, constant]; per association AMT left-joins each mapped type and would repeat the
// association for a contact with two current values of one type: here the lowest value is kept, so the
// association stays one row.
const ADDRESSES = [
  ["ContactHomeAddress", "Address.Home"],
  ["ContactPhysicalAddress", "Address.Physical"],
  ["ContactMailingAddress", "Address.Mailing"],
  ["ContactWorkAddress", "Address.Work"],
  ["ContactTemporaryAddress", "Address.Temporary"],
];
const TELEPHONES = [
  ["HomePhoneNumber", "Telephone.Home"],
  ["MobilePhoneNumber", "Telephone.Mobile"],
  ["WorkPhoneNumber", "Telephone.Work"],
];
const EMAILS = [
  ["PersonalEmailAddress", "Email.Personal"],
  ["WorkEmailAddress", "Email.Work"],
];

/**
 * Per contact, the lowest `value` of a child view's rows of each mapped type, one column per type ('' when
 * none), and the `extra` columns, which read the same rows (the home address's postal code, the primary
 * flag of the e-mail shown). NULLs sort last, on BigQuery too, where they would sort first.
 */
function byMappedType(ctx, table, uriColumn, value, columns, extra = []) {
  const map = ctx.ref(amt.CONFIG, "DescriptorMap");
  const pivots = columns.map(([column, constant]) => `COALESCE(MIN(CASE WHEN c.ConstantName = '${constant}' THEN c._value END), '') AS ${column}`);
  return `(SELECT c.parent_id, c.school_year, ${[...pivots, ...extra].join(", ")}
    FROM (
      SELECT c.*, m.ConstantName, ${value} AS _value,
        ROW_NUMBER() OVER (PARTITION BY c.parent_id, c.school_year, m.ConstantName ORDER BY ${value} NULLS LAST) AS _rank
      FROM ${table} AS c
      INNER JOIN ${map} AS m ON m.DescriptorUri = c.${uriColumn}
    ) AS c
    WHERE c._rank = 1
    GROUP BY c.parent_id, c.school_year)`;
}

publish("ContactPersonDim", amt.config("ContactPersonDim")).query((ctx) => {
  // StreetNumberName[, Apartment][, City][ State][ PostalCode]: a segment disappears with its NULL value.
  const formatted = "c.street_number_name || COALESCE(', ' || c.apartment_room_suite_number, '') || COALESCE(', ' || c.city, '') || COALESCE(' ' || c.state_abbreviation_descriptor, '') || COALESCE(' ' || c.postal_code, '')";
  const current = amt.addresses(ctx, "stg_contacts", (p) => amt.isCurrent(`${p}.end_date`));
  const addresses = byMappedType(ctx, current, "address_type_descriptor_uri", formatted, ADDRESSES, [
    `COALESCE(MIN(CASE WHEN c.ConstantName = 'Address.Home' THEN c.postal_code END), '') AS PostalCode`,
  ]);
  const phones = byMappedType(ctx, amt.source(ctx, "stg_contacts__telephones"), "telephone_number_type_descriptor_uri", "c.telephone_number", TELEPHONES);
  const emails = byMappedType(ctx, amt.source(ctx, "stg_contacts__electronic_mails"), "electronic_mail_type_descriptor_uri", "c.electronic_mail_address", EMAILS, [
    `COALESCE(MIN(CASE WHEN c.ConstantName = 'Email.Personal' THEN c.primary_email_address_indicator END), FALSE) AS personal_primary`,
    `COALESCE(MIN(CASE WHEN c.ConstantName = 'Email.Work' THEN c.primary_email_address_indicator END), FALSE) AS work_primary`,
  ]);
  const orEmpty = (alias, columns) => columns.map(([column]) => `COALESCE(${alias}.${column}, '') AS ${column}`).join(",\n  ");
  return amt.shape(
    "ContactPersonDim",
    `SELECT
  ${amt.k("sca.contact_unique_id", "sca.student_unique_id")} AS UniqueKey,
  sca.contact_unique_id AS ContactPersonKey,
  sca.student_unique_id AS StudentKey,
  co.first_name AS ContactFirstName,
  co.last_surname AS ContactLastName,
  sca.relation_descriptor AS RelationshipToStudent,
  ${orEmpty("ad", ADDRESSES)},
  ${orEmpty("ph", TELEPHONES)},
  CASE WHEN em.personal_primary THEN 'Personal' WHEN em.work_primary THEN 'Work' ELSE 'Not specified' END AS PrimaryEmailAddress,
  ${orEmpty("em", EMAILS)},
  COALESCE(sca.primary_contact_status, FALSE) AS IsPrimaryContact,
  COALESCE(sca.lives_with, FALSE) AS StudentLivesWith,
  COALESCE(sca.emergency_contact_status, FALSE) AS IsEmergencyContact,
  COALESCE(sca.contact_priority, 0) AS ContactPriority,
  COALESCE(sca.contact_restrictions, '') AS ContactRestrictions,
  ${dialect.greatestNonNull(["sca.last_modified_date", "co.last_modified_date"])} AS LastModifiedDate,
  COALESCE(ad.PostalCode, '') AS PostalCode
FROM ${amt.source(ctx, "stg_student_contact_associations")} AS sca
INNER JOIN ${amt.source(ctx, "stg_students")} AS st ON st.student_unique_id = sca.student_unique_id
INNER JOIN ${amt.source(ctx, "stg_contacts")} AS co ON co.contact_unique_id = sca.contact_unique_id
LEFT JOIN ${addresses} AS ad ON ad.parent_id = co.id AND ad.school_year = co.school_year
LEFT JOIN ${phones} AS ph ON ph.parent_id = co.id AND ph.school_year = co.school_year
LEFT JOIN ${emails} AS em ON em.parent_id = co.id AND em.school_year = co.school_year
WHERE sca.relation_descriptor IS NOT NULL`,
  );
});
