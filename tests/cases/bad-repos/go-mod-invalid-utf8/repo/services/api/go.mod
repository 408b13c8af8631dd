module eÿ
