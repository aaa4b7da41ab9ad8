// ShablonXML
