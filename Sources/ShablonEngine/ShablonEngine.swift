// ShablonEngine
