CASE WHEN m.source_as_org IS NULL THEN [] ELSE [m.source_as_org] END AS source_as_orgs,
       CASE WHEN m.source_asn IS NULL THEN [] ELSE [m.source_asn] END AS source_asns
