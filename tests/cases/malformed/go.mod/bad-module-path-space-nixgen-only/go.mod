module "a b"
