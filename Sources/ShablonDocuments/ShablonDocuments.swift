// ShablonDocuments
