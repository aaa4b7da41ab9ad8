// ShablonZip
