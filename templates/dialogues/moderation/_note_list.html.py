BBBB BBBB
XXX XXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
    BB BBBBBBBB
         ngettext(u'%(counter)s anteckning matchar filtret', u'%(counter)s anteckningar matchar filtret', count) 
            SSSSSSSSSSS SSSSSSSSSS SSSSSSS SSSSSSS
        
            PPPPPPPPPPP PPPPPPPPPPPP PPPPPPP PPPPPPP
        
    BBBB
         gettext(u'Anteckningar') 
    BBBBB
XXXXX
XXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXX XXXXXXXXXXXXX
    XXXX
        XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX  gettext(u'totalt') 
    XXXXX
    XXXX
        XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX  gettext(u'dolda') 
    XXXXX
    XXXX
        XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX  gettext(u'utan tema') 
    XXXXX
    XXXX
        XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX  gettext(u'med förslag') 
    XXXXX
XXXXX
XX XXXXXXXXXXX XXXXXXXXXXXXXXXXXXX
     gettext(u'Nyast först. Uppdaterad %(time)s; listan hämtas på nytt var %(seconds)s:e sekund.') 
        SSSSS SSSSSS SSSSSSSSSS SSSSSSSSS SSSSSS SSSSSS SS SSSS SSS SSSSSSSSSSSSS SSSSSSS
    
XXXX
BB BBBB
    XXX XXXXXXXXXXXXXXXXXX
        BBB BBB BB BBBB
            BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
        BBBBBB
    XXXXX
BBBB BBBBBBBB
    XXX gettext(u'Inga anteckningar matchar filtret.') XXXX
BBBB
    XXX gettext(u'Inga anteckningar ännu. Nya anteckningar visas här av sig själva.') XXXX
BBBBB
BB BBBBBBBBBBBBBBBBBBBB
    XXXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Sidor') XX
        XXXX
            BB BBBBBBBBBBBBBBBBB
                XXXX
                    XX XXXXXXXBB BBBBBBBBBBBBXXXXXBBBBBXXXXXXX gettext(u'Nyare') XXXX
                XXXXX
            BBBBB
            XXXX
                XXXXX XXXXXXXXXXXXXXXXXXXXXXXX
                     gettext(u'Sida %(number)s av %(pages)s') 
                        SSSS SSSSSSSSSS SS SSSSSSSSS
                    
                XXXXXXX
            XXXXX
            BB BBBBBBBBBBBBB
                XXXX
                    XX XXXXXXXBB BBBBBBBBBBBBXXXXXBBBBBXXXXXXX gettext(u'Äldre') XXXX
                XXXXX
            BBBBB
        XXXXX
    XXXXXX
BBBBB
