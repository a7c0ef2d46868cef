
BlogitsJ(¬@“À›7ìÀÜRRÁyq®À7TVÁ`¶À½BpÁT½£À$•îÀƒjKA