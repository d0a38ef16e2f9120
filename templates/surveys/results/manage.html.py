BBBB BBBB
XXXXXXXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXX XXXXXXXXXXXXXXXXXXX gettext(u'Publicering') XXXXX
    BB BBBBBBBBBBBBBBBBBBBBBBBBBBB
        XXX
             gettext(u'Resultaten publicerades %(date)s. Dolda fritextsvar visas inte publikt.') 
                SSSSSSSSSS SSSSSSSSSSSS SSSSSSSSS SSSSS SSSSSSSSSSS SSSSS SSSS SSSSSSSS
            
            XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBXX gettext(u'Se den publika sidan') XXXX
        XXXX
        XXXXX XXXXXXXXXXXXX
              XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBXX
            BBBBBBBBBB
            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX gettext(u'Sluta publicera resultaten') XXXXXXXXX
        XXXXXXX
    BBBB
        XXX
             gettext(u'Resultaten är inte publicerade; bara arbetsgruppen ser dem. Dölj först fritextsvar som pekar ut en person.') 
        XXXX
        XXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBXX
            BBBBBBBBBB
            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Publicera resultaten') XXXXXXXXX
        XXXXXXX
    BBBBB
XXXXXXXXXX
