module m
require gopkg.in/yaml.v2 v3.0.0
