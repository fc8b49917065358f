"""Certificate views: the public check page, staff issuing, downloads, the record, outside certificates."""
