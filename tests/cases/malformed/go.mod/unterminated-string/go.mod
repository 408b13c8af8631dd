module "m
