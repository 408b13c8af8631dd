module -a
