
BPlus214_Output_0J(UDED6lцъiE⌡иKD╩А╗б⌡ПcC]#мд⌡d)Cа╝едод