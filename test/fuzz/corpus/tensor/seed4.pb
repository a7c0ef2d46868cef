
BlogitsJ(ÏU€A€á…ÁH[-Áº]ªÁ^Ò=ÁwF+?p‚@íf_Á;šè¿eÛKÀ