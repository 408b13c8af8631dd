package lib SECRET-replace-link-source
