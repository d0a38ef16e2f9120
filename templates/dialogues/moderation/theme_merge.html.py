BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB
     gettext(u'Slå ihop två teman') 
BBBBBBBB BBBBB
BBBBB BBBBBBB
    BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
    XXX
        XX XXXXXXBBB BBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBXX gettext(u'Tillbaka till temana') XXXX
    XXXX
    XX XXXXXXXXXXXXXXXXXXXX
    XXXX gettext(u'Slå ihop två teman') XXXXX
    XX XXXXXXXXXXXXX
         gettext(u'Temat ”%(source)s” slås ihop med ”%(target)s”.') 
            SSSSS SSSSSSSSSSSS SSSS SSSS SSS SSSSSSSSSSSSS
        
    XXXX
    XXX XXXXXXXXXXXXXXXXXX
        XXXX
             ngettext(u'%(counter)s anteckning med temat ”%(source_name)s” får temat ”%(target_name)s” (en anteckning som redan har båda räknas en gång).', u'%(counter)s anteckningar med temat ”%(source_name)s” får temat ”%(target_name)s” (en anteckning som redan har båda räknas en gång).', count) 
                SSSSSSSSSSS SSSSSSSSSS SSS SSSSS SSSSSSSSSSSSSSSSS SSS SSSSS SSSSSSSSSSSSSSSSS SSS SSSSSSSSSS SSS SSSSS SSS SSSS SSSSSS SS SSSSSS
            
                PPPPPPPPPPP PPPPPPPPPPPP PPP PPPPP PPPPPPPPPPPPPPPPP PPP PPPPP PPPPPPPPPPPPPPPPP PPP PPPPPPPPPP PPP PPPPP PPP PPPP PPPPPP PP PPPPPP
            
        XXXXX
        XXXX
             gettext(u'Namnet och nyckelorden för ”%(source)s” läggs till bland nyckelorden för ”%(target)s”; återkopplingen läggs till sist i återkopplingen.') 
                SSSSSS SSS SSSSSSSSSSS SSS SSSSSSSSSSSS SSSSS SSSS SSSSS SSSSSSSSSSS SSS SSSSSSSSSSSSS SSSSSSSSSSSSSS SSSSS SSSS SSSS S SSSSSSSSSSSSSSS
            
        XXXXX
        XXXX
             gettext(u'Temat ”%(source)s” tas bort, med förslag som inte är godkända. Det går inte att ångra.') 
                SSSSS SSSSSSSSSSSS SSS SSSSS SSS SSSSSSS SSS SSSS SS SSSSSSSSS SSS SSS SSSS SSS SSSSSS
            
        XXXXX
    XXXXX
    XXXXX XXXXXXXXXXXXX
          XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBXX
        BBBBBBBBBB
        XXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXX
        XXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXX
        XXXX XXXXXXXXXXXXXXXXXXXXX
            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXX
                    XXXXXXXXXXXXX
                    XXXXXXXXXXXXXX
                    XXXXXXXXXXXX
                 gettext(u'Slå ihop ”%(source)s” med ”%(target)s”') 
                    SSS SSSS SSSSSSSSSSSS SSS SSSSSSSSSSSS
                
            XXXXXXXXX
            XX XXXXXXBBB BBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBXX gettext(u'Avbryt') XXXX
        XXXXXX
    XXXXXXX
BBBBBBBB BBBBBBB
